import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import {
  settleDeliveryReport,
  type DeliveryReport,
  type ReportOutcome,
} from './delivery-report.use-case';

/** One entry of a mini-program `subscribe_msg_sent_event`: the fate of one message. */
export interface WechatSentEntry {
  TemplateId: string;
  MsgID?: string | number;
  ErrorCode?: string | number;
  ErrorStatus?: string;
}

/** The part of WeChat's pushed event (JSON data format) the receipts need. */
export interface WechatEvent {
  Event: string;
  /** `subscribe_msg_sent_event`: one entry, or several when WeChat batches them. */
  List?: WechatSentEntry | WechatSentEntry[];
  /** `TEMPLATESENDJOBFINISH` (official-account template message). */
  MsgID?: string | number;
  Status?: string;
}

/**
 * WeChat signs each push with sha1 of the sorted token, timestamp and nonce (the token is the one
 * configured on WeChat's side, our webhook secret). Empty secret: nothing is accepted.
 */
export function wechatSignatureMatches(
  token: string,
  query: { signature: string; timestamp: string; nonce: string },
): boolean {
  if (!token) return false;
  const expected = createHash('sha1')
    .update([token, query.timestamp, query.nonce].sort().join(''))
    .digest('hex');
  const given = Buffer.from(query.signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

const missing = (field: string) =>
  new DomainError('VALIDATION_FAILED', `${field} is required for this event`, {
    kind: 'invalid',
    field,
  });

/** `success` is delivered; anything else (`failed:user block`, `failed:system failed`) failed. */
const reportOf = (
  provider: string,
  messageId: string | number,
  status: string,
): DeliveryReport => ({
  provider,
  messageId: String(messageId),
  ...(status === 'success'
    ? { status: 'delivered' }
    : { status: 'failed', reason: `WeChat status ${status.slice(0, 100)}` }),
});

/** The reports an event carries, each with the input field that names its message. */
function reportsOf(
  provider: string,
  event: WechatEvent,
): { report: DeliveryReport; field: string }[] {
  if (event.Event === 'TEMPLATESENDJOBFINISH') {
    if (event.MsgID === undefined) throw missing('MsgID');
    if (event.Status === undefined) throw missing('Status');
    return [{ report: reportOf(provider, event.MsgID, event.Status), field: 'MsgID' }];
  }
  if (event.Event !== 'subscribe_msg_sent_event') return [];
  if (event.List === undefined) throw missing('List');
  const many = Array.isArray(event.List);
  const entries = many ? (event.List as WechatSentEntry[]) : [event.List as WechatSentEntry];
  return entries.map((entry, i) => {
    const at = many ? `List[${i}]` : 'List';
    if (entry.MsgID === undefined) throw missing(`${at}.MsgID`);
    const status =
      entry.ErrorStatus ?? (String(entry.ErrorCode ?? '') === '0' ? 'success' : undefined);
    if (status === undefined) throw missing(`${at}.ErrorStatus`);
    return { report: reportOf(provider, entry.MsgID, status), field: `${at}.MsgID` };
  });
}

/**
 * WeChat's push after a subscription or template message: each message it names is settled
 * delivered or failed like an SMS delivery report, all of them in one transaction (a message we
 * never sent is a 422 naming it, and nothing of the event is written). Other events WeChat
 * pushes to the same URL are acknowledged and ignored, so WeChat does not push them again.
 */
export async function recordWechatEvent(
  deps: { db: Database; clock: BrandClock },
  provider: string,
  event: WechatEvent,
): Promise<{ reports: ReportOutcome[] }> {
  const reports = reportsOf(provider, event);
  if (reports.length === 0) return { reports: [] };
  return deps.db.transaction(async (trx) => {
    const outcomes: ReportOutcome[] = [];
    for (const { report, field } of reports)
      outcomes.push(await settleDeliveryReport(trx, deps.clock, report, field));
    return { reports: outcomes };
  });
}
