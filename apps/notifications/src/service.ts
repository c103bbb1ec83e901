import { createPiiCipher, systemClock, type ServiceDefinition } from '@laoke/platform';
import { notificationsMigrations } from '../migrations';
import type { NotificationsConfig } from './config';
import { registerDeliveryRoutes } from './http/deliveries.routes';
import { memberRegisteredConsumer } from './kafka/member-registered.consumer';
import { notificationRequestedConsumer } from './kafka/notification-requested.consumer';
import { createHttpSmsProvider } from './providers/sms-provider';

export const notificationsService: ServiceDefinition<NotificationsConfig> = {
  description: 'Templates, contact projection and deliveries. Emits notification.sent.',
  tags: [{ name: 'notifications', description: 'Messages sent to members' }],
  migrations: notificationsMigrations,
  routes(app, { db }) {
    registerDeliveryRoutes(app, { db });
  },
  consumers: ({ config }) => [
    memberRegisteredConsumer,
    notificationRequestedConsumer({
      sms: createHttpSmsProvider(config.SMS_PROVIDER_URL),
      pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
      clock: systemClock,
      signature: config.SMS_SIGNATURE,
    }),
  ],
};
