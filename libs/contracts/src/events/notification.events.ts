import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

export const NotificationChannel = Type.Union([Type.Literal('sms')]);
export type NotificationChannel = Static<typeof NotificationChannel>;

/** Care and transactional messages follow consent; marketing also needs the opt-out line. */
export const NotificationCategory = Type.Union([
  Type.Literal('transactional'),
  Type.Literal('care'),
  Type.Literal('marketing'),
]);
export type NotificationCategory = Static<typeof NotificationCategory>;

export const NotificationRequestedData = Closed({
  requestId: Id,
  memberId: Id,
  template: Type.String({ minLength: 1, maxLength: 64 }),
  channel: NotificationChannel,
  category: NotificationCategory,
  variables: Type.Record(Type.String(), Text(500), {
    maxProperties: 20,
    propertyNames: { maxLength: 64 },
  }),
  reason: Text(200),
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
