import { causedBy, createEvent, type EventOf } from '@laoke/contracts';
import { appendToOutbox, type Clock, type PiiCipher, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { contactsRepository as contacts } from '../data/contacts.repository';
import { deliveriesRepository as deliveries } from '../data/deliveries.repository';
import { templatesRepository as templates } from '../data/templates.repository';
import type { SmsProvider } from '../providers/sms-provider';
import { composeSms, renderTemplate } from './message-composition';

export interface DeliverNotificationDeps {
  sms: SmsProvider;
  pii: PiiCipher;
  clock: Clock;
  signature: string;
}

/**
 * Renders and sends one requested notification. The delivery row is unique per request, so
 * a request is delivered at most once however often it arrives.
 */
export async function deliverNotification(
  deps: DeliverNotificationDeps,
  request: EventOf<'notification.requested'>,
  trx: Transaction,
): Promise<void> {
  const { data } = request;
  const contact = await contacts.find(trx, data.memberId);
  // The member's registration may still be on its way; the consumer retries, then dead-letters.
  if (!contact) throw new Error(`no contact known yet for member ${data.memberId}`);
  const body = await templates.findBody(trx, request.brandId, data.template, data.channel);
  if (!body)
    throw new Error(`no ${data.channel} template "${data.template}" for brand ${request.brandId}`);

  const text = composeSms(
    renderTemplate(body, { ...data.variables, memberName: contact.name }),
    data.category,
    deps.signature,
  );
  const now = deps.clock.now();
  const deliveryId = uuidv7();
  const started = await deliveries.start(trx, {
    id: deliveryId,
    brandId: request.brandId,
    requestId: data.requestId,
    memberId: data.memberId,
    channel: data.channel,
    template: data.template,
    category: data.category,
    status: contact.smsAllowed ? 'sending' : 'suppressed',
    providerMessageId: null,
    text,
    createdAt: now,
    sentAt: null,
  });
  if (!started || !contact.smsAllowed) return;

  const { providerMessageId } = await deps.sms.send({
    to: deps.pii.decrypt(contact.mobileEncrypted),
    text,
    reference: deliveryId,
  });
  const sentAt = deps.clock.now();
  await deliveries.markSent(trx, deliveryId, providerMessageId, sentAt);
  await appendToOutbox(trx, [
    createEvent({
      type: 'notification.sent',
      brandId: request.brandId,
      ...(request.storeId && { storeId: request.storeId }),
      memberId: data.memberId,
      ...causedBy(request),
      data: {
        requestId: data.requestId,
        deliveryId,
        memberId: data.memberId,
        channel: data.channel,
        template: data.template,
        providerMessageId,
        sentAt: sentAt.toISOString(),
      },
    }),
  ]);
}
