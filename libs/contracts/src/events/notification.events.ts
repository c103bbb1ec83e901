import { Type, type Static } from 'typebox';
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

export const NotificationRequestedData = Type.Object({
  requestId: Type.String(),
  memberId: Type.String(),
  template: Type.String({ minLength: 1 }),
  channel: NotificationChannel,
  category: NotificationCategory,
  variables: Type.Record(Type.String(), Type.String()),
  reason: Type.String(),
});
export type NotificationRequestedData = Static<typeof NotificationRequestedData>;
export const NotificationRequested = envelopeSchema(
  'notification.requested',
  NotificationRequestedData,
);

export const NotificationSentData = Type.Object({
  requestId: Type.String(),
  deliveryId: Type.String(),
  memberId: Type.String(),
  channel: NotificationChannel,
  template: Type.String(),
  providerMessageId: Type.String(),
  sentAt: Type.String({ format: 'date-time' }),
});
export type NotificationSentData = Static<typeof NotificationSentData>;
export const NotificationSent = envelopeSchema('notification.sent', NotificationSentData);
