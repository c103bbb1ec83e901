import {
  buildService,
  createPiiCipher,
  systemClock,
  type PiiCipher,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { notificationsMigrations } from '../migrations';
import type { NotificationsConfig } from './config';
import { registerDeliveryRoutes } from './http/deliveries.routes';
import { memberRegisteredConsumer } from './kafka/member-registered.consumer';
import { notificationRequestedConsumer } from './kafka/notification-requested.consumer';
import { createHttpSmsProvider, type SmsProvider } from './providers/sms-provider';

export interface NotificationsDeps extends ServiceDeps<NotificationsConfig> {
  sms: SmsProvider;
  pii: PiiCipher;
}

export const notificationsService: ServiceDefinition<NotificationsDeps> = {
  description: 'Templates, contact projection and deliveries. Emits notification.sent.',
  tags: [{ name: 'notifications', description: 'Messages sent to members' }],
  migrations: notificationsMigrations,
  routes(app, { db }) {
    registerDeliveryRoutes(app, { db });
  },
  consumers: ({ config, sms, pii, clock }) => [
    memberRegisteredConsumer,
    notificationRequestedConsumer({ sms, pii, clock, signature: config.SMS_SIGNATURE }),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: NotificationsConfig): NotificationsDeps => ({
  config,
  clock: systemClock,
  sms: createHttpSmsProvider(config.SMS_PROVIDER_URL),
  pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
});

export const buildApp = (deps: NotificationsDeps) => buildService(notificationsService, deps);
