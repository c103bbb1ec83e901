import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

export const NotificationChannel = Type.Union([
  Type.Literal('sms'),
  Type.Literal('wechat'),
  Type.Literal('email'),
  Type.Literal('staff-task'),
]);
export type NotificationChannel = Static<typeof NotificationChannel>;

/** Care and transactional messages follow consent; marketing also needs the opt-out line. */
export const NotificationCategory = Type.Union([
  Type.Literal('transactional'),
  Type.Literal('care'),
  Type.Literal('marketing'),
]);
export type NotificationCategory = Static<typeof NotificationCategory>;

/** Why a message is sent; the brand's routing policy maps a purpose to the channels allowed. */
export const NotificationPurpose = Type.Enum([
  'thank-you',
  'follow-up',
  'care-content',
  'maintenance-invitation',
  'survey',
  'win-back',
  'birthday',
  'holiday',
  'season',
  'referral-thanks',
  'welcome',
  'points-change',
  'tier-change',
  'broadcast',
  'service',
]);
export type NotificationPurpose = Static<typeof NotificationPurpose>;

/** Higher goes first when a member's cap leaves room for only some messages. */
export const NotificationPriority = Type.Integer({ minimum: 0, maximum: 9 });

export const NotificationRequestedData = Closed({
  requestId: Id,
  memberId: Id,
  template: Type.String({ minLength: 1, maxLength: 64 }),
  /** The sender's preferred channel; without one, the brand's routing policy for the purpose picks. */
  channel: Type.Optional(NotificationChannel),
  category: NotificationCategory,
  variables: Type.Record(Type.String(), Text(500), {
    maxProperties: 20,
    propertyNames: { maxLength: 64 },
  }),
  reason: Text(200),
  purpose: NotificationPurpose,
  /** Requests with the same dedupe key for one member produce at most one message. */
  dedupeKey: Type.Optional(Text(200)),
  priority: Type.Optional(NotificationPriority),
  /** A request not deliverable by then (quiet hours, caps) is dropped with that reason. */
  expiresAt: Type.Optional(Timestamp),
});
export type NotificationRequestedData = Static<typeof NotificationRequestedData>;
export const NotificationRequested = envelopeSchema(
  'notification.requested',
  NotificationRequestedData,
);

export const NotificationSentData = Closed({
  requestId: Id,
  deliveryId: Id,
  memberId: Id,
  channel: NotificationChannel,
  template: Text(64),
  providerMessageId: Text(128),
  sentAt: Timestamp,
});
export type NotificationSentData = Static<typeof NotificationSentData>;
export const NotificationSent = envelopeSchema('notification.sent', NotificationSentData);

/** A request that will not be sent, and why (opted out, no address, erased, expired …). */
export const NotificationSuppressedData = Closed({
  requestId: Id,
  deliveryId: Id,
  memberId: Id,
  purpose: NotificationPurpose,
  channel: Type.Optional(NotificationChannel),
  reason: Text(500),
  suppressedAt: Timestamp,
});
export type NotificationSuppressedData = Static<typeof NotificationSuppressedData>;
export const NotificationSuppressed = envelopeSchema(
  'notification.suppressed',
  NotificationSuppressedData,
);

/** A delivery that will not be sent: the provider refused it for good, or retries ran out. */
export const NotificationFailedData = Closed({
  requestId: Id,
  deliveryId: Id,
  memberId: Id,
  channel: NotificationChannel,
  template: Text(64),
  /** Which provider answered last, when one was asked. */
  provider: Type.Optional(Text(64)),
  /** A terminal refusal, exhausted retries, or the provider's failed delivery report. */
  stage: Type.Union([Type.Literal('send'), Type.Literal('delivery-report')]),
  reason: Text(500),
  failedAt: Timestamp,
});
export type NotificationFailedData = Static<typeof NotificationFailedData>;
export const NotificationFailed = envelopeSchema('notification.failed', NotificationFailedData);

/** The provider reports the message reached the member's handset or inbox. */
export const NotificationDeliveredData = Closed({
  requestId: Id,
  deliveryId: Id,
  memberId: Id,
  channel: NotificationChannel,
  provider: Text(64),
  providerMessageId: Text(128),
  deliveredAt: Timestamp,
});
export type NotificationDeliveredData = Static<typeof NotificationDeliveredData>;
export const NotificationDelivered = envelopeSchema(
  'notification.delivered',
  NotificationDeliveredData,
);

/**
 * The routing chose the staff-task channel: campaigns turns this into a task for the member's
 * associate (source key `notification:<deliveryId>`) and its `task.completed` closes the delivery.
 */
export const NotificationStaffTaskRequestedData = Closed({
  requestId: Id,
  deliveryId: Id,
  memberId: Id,
  purpose: NotificationPurpose,
  template: Text(64),
  /** The rendered message, as a brief for the person who calls or visits. */
  brief: Text(1000),
  requestedAt: Timestamp,
});
export type NotificationStaffTaskRequestedData = Static<typeof NotificationStaffTaskRequestedData>;
export const NotificationStaffTaskRequested = envelopeSchema(
  'notification.staff-task-requested',
  NotificationStaffTaskRequestedData,
);
