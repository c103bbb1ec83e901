import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const NotificationsConfigProperties = {
  ...BaseConfigProperties,
  PII_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
  SMS_PROVIDER_URL: Type.String({ minLength: 1, description: 'HTTP endpoint of the SMS gateway' }),
  SMS_SIGNATURE: Type.String({
    default: '【老客】',
    description: 'Brand signature every SMS carries',
  }),
};

export type NotificationsConfig = Static<
  ReturnType<typeof Type.Object<typeof NotificationsConfigProperties>>
>;

export const loadNotificationsConfig = (env = process.env): NotificationsConfig =>
  loadConfig(NotificationsConfigProperties, env);
