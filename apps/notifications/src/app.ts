import {
  buildService,
  createServiceClient,
  createPiiCipher,
  systemClock,
  type PiiCipher,
  type ServiceClient,
  type ServiceContext,
  type ServiceDefinition,
  type ServiceDeps,
} from '@laoke/platform';
import { notificationsMigrations } from '../migrations';
import type { NotificationsConfig } from './config';
import type { DeliveryDeps } from './domain/delivery-deps';
import type { PolicyDefaults } from './domain/notification-policy';
import { registerBrandPolicyRoutes } from './http/brand-policy.routes';
import { registerDeliveryRoutes } from './http/deliveries.routes';
import { registerStatisticsRoutes } from './http/statistics.routes';
import { registerTemplateRoutes } from './http/templates.routes';
import { memberContactsConsumer } from './kafka/member-contacts.consumer';
import { notificationRequestedConsumer } from './kafka/notification-requested.consumer';
import { createHttpSmsProvider, type SmsProvider } from './providers/sms-provider';
import { deliveryRecoveryJob } from './scheduling/delivery-recovery.job';

export interface NotificationsDeps extends ServiceDeps<NotificationsConfig> {
  sms: SmsProvider;
  pii: PiiCipher;
  members: ServiceClient;
}

const policyDefaults = (config: NotificationsConfig): PolicyDefaults => ({
  timeZone: config.BRAND_TIME_ZONE,
  smsSignature: config.SMS_SIGNATURE,
  smsOptOutText: config.SMS_OPT_OUT_TEXT,
  smsDailyLimit: config.SMS_DAILY_LIMIT,
});

const deliveryDeps = (context: ServiceContext<NotificationsDeps>): DeliveryDeps => ({
  ...context,
  policyDefaults: policyDefaults(context.config),
  unknownMemberGraceMs: context.config.UNKNOWN_MEMBER_GRACE_MS,
  resendAfterMs: context.config.DELIVERY_RESEND_AFTER_MS,
  maxAttempts: context.config.DELIVERY_MAX_ATTEMPTS,
});

export const notificationsService: ServiceDefinition<NotificationsDeps> = {
  description:
    'Templates, messaging policy, contact and consent projection, deliveries. Emits notification.sent and notification.suppressed.',
  tags: [{ name: 'notifications', description: 'Messages sent to members' }],
  migrations: notificationsMigrations,
  routes(app, { db, members, clock, config }) {
    const policy = { db, clock, policyDefaults: policyDefaults(config) };
    registerDeliveryRoutes(app, { db, members });
    registerTemplateRoutes(app, policy);
    registerBrandPolicyRoutes(app, policy);
    registerStatisticsRoutes(app, policy);
  },
  consumers: (context) => [
    memberContactsConsumer,
    notificationRequestedConsumer(deliveryDeps(context)),
  ],
  jobs: (context) => [
    deliveryRecoveryJob(deliveryDeps(context), context.config.DELIVERY_RECOVERY_INTERVAL_MS),
  ],
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: NotificationsConfig): NotificationsDeps => ({
  config,
  clock: systemClock,
  sms: createHttpSmsProvider(config.SMS_PROVIDER_URL),
  pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
  members: createServiceClient({ service: 'members', baseUrl: config.MEMBERS_URL }),
});

export const buildApp = (deps: NotificationsDeps) => buildService(notificationsService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadNotificationsConfig as loadConfig } from './config';
