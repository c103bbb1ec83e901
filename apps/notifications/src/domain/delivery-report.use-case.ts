import { createEvent, type NotificationChannel } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  type BrandClock,
  type Database,
  type Transaction,
} from '@laoke/platform';

export interface DeliveryReport {
  provider: string;
  messageId: string;
  status: 'delivered' | 'failed';
  reason?: string;
}

export interface ReportOutcome {
  deliveryId: string;
  changed: boolean;
}

interface ReportedDelivery {
  id: string;
  brand_id: string;
  store_id: string | null;
  request_id: string;
  request_event_id: string | null;
  correlation_id: string | null;
  member_id: string;
  channel: NotificationChannel;
  template: string;
  status: string;
  delivered_at: Date | null;
}

/**
 * A provider's delivery report settles what happened after the handover: `delivered` records
 * the arrival and says notification.delivered; `failed` turns the sent delivery `failed` and
 * says notification.failed. A repeated report changes nothing and says nothing again.
 */
export async function recordDeliveryReport(
  deps: { db: Database; clock: BrandClock },
  report: DeliveryReport,
): Promise<ReportOutcome> {
  return deps.db.transaction((trx) => settleDeliveryReport(trx, deps.clock, report, 'messageId'));
}

/**
 * One report inside the caller's transaction. A message this provider never sent for us is an
 * unknown reference (422 naming `field`), so the provider sees its mistake and nothing is written.
 */
export async function settleDeliveryReport(
  trx: Transaction,
  clock: BrandClock,
  report: DeliveryReport,
  field: string,
): Promise<ReportOutcome> {
  const row = (await trx('deliveries')
    .where({ provider: report.provider, provider_message_id: report.messageId })
    .forUpdate()
    .first()) as ReportedDelivery | undefined;
  if (!row)
    throw new DomainError(
      'DELIVERY_NOT_FOUND',
      `no message ${report.messageId} was sent through ${report.provider}`,
      { kind: 'unknown-reference', field },
    );
  const at = clock.nowFor(row.brand_id);
  const cause = {
    brandId: row.brand_id,
    ...(row.store_id && { storeId: row.store_id }),
    memberId: row.member_id,
    ...(row.request_event_id && { causationId: row.request_event_id }),
    ...(row.correlation_id && { correlationId: row.correlation_id }),
  };
  if (report.status === 'delivered') {
    if (row.delivered_at || row.status !== 'sent') return { deliveryId: row.id, changed: false };
    await trx('deliveries').where({ id: row.id }).update({ delivered_at: at });
    await appendToOutbox(trx, [
      createEvent({
        type: 'notification.delivered',
        ...cause,
        data: {
          requestId: row.request_id,
          deliveryId: row.id,
          memberId: row.member_id,
          channel: row.channel,
          provider: report.provider,
          providerMessageId: report.messageId,
          deliveredAt: at.toISOString(),
        },
      }),
    ]);
    return { deliveryId: row.id, changed: true };
  }
  if (row.status !== 'sent') return { deliveryId: row.id, changed: false };
  const reason = `${report.provider} reports it undelivered: ${report.reason ?? 'no reason given'}`;
  await trx('deliveries')
    .where({ id: row.id })
    .update({ status: 'failed', failure_reason: reason.slice(0, 500) });
  await appendToOutbox(trx, [
    createEvent({
      type: 'notification.failed',
      ...cause,
      data: {
        requestId: row.request_id,
        deliveryId: row.id,
        memberId: row.member_id,
        channel: row.channel,
        template: row.template,
        provider: report.provider,
        stage: 'delivery-report' as const,
        reason: reason.slice(0, 500),
        failedAt: at.toISOString(),
      },
    }),
  ]);
  return { deliveryId: row.id, changed: true };
}
