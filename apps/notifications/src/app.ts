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
import { parseProviderRateLimits } from './domain/provider-rate-limit';
import { registerBrandPolicyRoutes } from './http/brand-policy.routes';
import { registerDeliveryRoutes } from './http/deliveries.routes';
import { registerStatisticsRoutes } from './http/statistics.routes';
import { registerTemplateRoutes } from './http/templates.routes';
import { memberContactsConsumer } from './kafka/member-contacts.consumer';
import { notificationRequestedConsumer } from './kafka/notification-requested.consumer';
import type { InboundDeps } from './domain/inbound-opt-out.use-case';
import { registerWebhookRoutes } from './http/webhooks.routes';
import { memberConsentOptOutsConsumer } from './kafka/member-consent-opt-outs.consumer';
import {
  createFailoverSmsProvider,
  createHttpSmsProvider,
  type SmsProvider,
} from './providers/sms-provider';
import { registerWechatSubscriptionRoutes } from './http/wechat-subscriptions.routes';
import { staffTaskOutcomesConsumer } from './kafka/staff-task-outcomes.consumer';
import { createFailoverSender, type ChannelSenders } from './providers/channel-sender';
import { createSmtpEmailProvider } from './providers/email-provider';
import { createWechatProvider } from './providers/wechat-provider';
import { consentSyncJob } from './scheduling/consent-sync.job';
import { deliveryRecoveryJob } from './scheduling/delivery-recovery.job';

export interface NotificationsDeps extends ServiceDeps<NotificationsConfig> {
  sms: SmsProvider;
  channels: ChannelSenders;
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
  retry: {
    baseMs: context.config.DELIVERY_RETRY_BASE_MS,
    maxMs: context.config.DELIVERY_RETRY_MAX_MS,
  },
  rateLimits: parseProviderRateLimits(context.config.PROVIDER_RATE_LIMITS),
});

const words = (list: string) =>
  list
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

const inboundDeps = (context: ServiceContext<NotificationsDeps>): InboundDeps => ({
  ...context,
  optOutWords: {
    common: words(context.config.OPT_OUT_WORDS),
    byBrand: JSON.parse(context.config.BRAND_OPT_OUT_WORDS) as Record<string, string[]>,
  },
  consentRetryMs: context.config.CONSENT_SYNC_INTERVAL_MS,
});

/** The SMS gateways and the mail relay (bounces) delivery-report webhooks may speak for. */
const reportingProviderNames = (config: NotificationsConfig) => [
  config.SMS_PROVIDER_NAME,
  ...(config.SMS_SECONDARY_PROVIDER_URL ? [config.SMS_SECONDARY_PROVIDER_NAME] : []),
  ...(config.EMAIL_SMTP_HOST ? [config.EMAIL_PROVIDER_NAME] : []),
];

/** The WeChat providers whose pushed events are taken, as deliveries record them. */
const wechatProviderNames = (config: NotificationsConfig) =>
  [
    [config.WECHAT_PROVIDER_NAME, config.WECHAT_PROVIDER_URL],
    [config.WECHAT_SECONDARY_PROVIDER_NAME, config.WECHAT_SECONDARY_PROVIDER_URL],
  ]
    .filter(([, url]) => url)
    .map(([name]) => name!);

export const notificationsService: ServiceDefinition<NotificationsDeps> = {
  description:
    'Templates, messaging policy, contact and consent projection, deliveries, provider receipts and inbound replies. Emits notification.sent, .suppressed, .failed and .delivered.',
  tags: [{ name: 'notifications', description: 'Messages sent to members' }],
  migrations: notificationsMigrations,
  routes(app, context) {
    const { db, members, clock, config } = context;
    const policy = { db, clock, policyDefaults: policyDefaults(config) };
    registerDeliveryRoutes(app, { db, members });
    registerTemplateRoutes(app, policy);
    registerBrandPolicyRoutes(app, policy);
    registerStatisticsRoutes(app, policy);
    registerWechatSubscriptionRoutes(app, { db, clock, members });
    registerWebhookRoutes(app, {
      ...inboundDeps(context),
      webhookSecret: config.WEBHOOK_SECRET,
      providers: reportingProviderNames(config),
      wechatProviders: wechatProviderNames(config),
    });
  },
  consumers: (context) => [
    memberContactsConsumer,
    notificationRequestedConsumer(deliveryDeps(context)),
    memberConsentOptOutsConsumer,
    staffTaskOutcomesConsumer(context),
  ],
  jobs: (context) => [
    deliveryRecoveryJob(deliveryDeps(context), context.config.DELIVERY_RECOVERY_INTERVAL_MS),
    consentSyncJob(inboundDeps(context), context.config.CONSENT_SYNC_INTERVAL_MS),
  ],
};

/** WeChat relays in order of preference, each sending by the brand's template ids. */
const wechatSenders = (config: NotificationsConfig) => {
  const templateIds = JSON.parse(config.WECHAT_TEMPLATE_IDS) as Record<string, string>;
  const timeoutMs = config.PROVIDER_TIMEOUT_MS;
  return [
    [config.WECHAT_PROVIDER_NAME, config.WECHAT_PROVIDER_URL],
    [config.WECHAT_SECONDARY_PROVIDER_NAME, config.WECHAT_SECONDARY_PROVIDER_URL],
  ]
    .filter(([, url]) => url)
    .map(([name, url]) => createWechatProvider(name!, { url: url!, templateIds, timeoutMs }));
};

/** The WeChat and e-mail providers the config names; a channel with none fails openly. */
const channelSenders = (config: NotificationsConfig): ChannelSenders => {
  const wechat = wechatSenders(config);
  return {
    ...(wechat.length > 0 && { wechat: createFailoverSender(wechat) }),
    ...(config.EMAIL_SMTP_HOST && {
      email: createSmtpEmailProvider(config.EMAIL_PROVIDER_NAME, {
        host: config.EMAIL_SMTP_HOST,
        port: config.EMAIL_SMTP_PORT,
        secure: config.EMAIL_SMTP_SECURE,
        from: config.EMAIL_FROM,
        ...(config.EMAIL_SMTP_USER && {
          auth: { user: config.EMAIL_SMTP_USER, pass: config.EMAIL_SMTP_PASSWORD },
        }),
        timeoutMs: config.PROVIDER_TIMEOUT_MS,
      }),
    }),
  };
};

/** The real dependencies for a config; a test replaces any of them. */
export const productionDeps = (config: NotificationsConfig): NotificationsDeps => ({
  config,
  clock: systemClock,
  sms: createFailoverSmsProvider([
    createHttpSmsProvider(
      config.SMS_PROVIDER_NAME,
      config.SMS_PROVIDER_URL,
      config.PROVIDER_TIMEOUT_MS,
    ),
    ...(config.SMS_SECONDARY_PROVIDER_URL
      ? [
          createHttpSmsProvider(
            config.SMS_SECONDARY_PROVIDER_NAME,
            config.SMS_SECONDARY_PROVIDER_URL,
            config.PROVIDER_TIMEOUT_MS,
          ),
        ]
      : []),
  ]),
  channels: channelSenders(config),
  pii: createPiiCipher(config.PII_ENCRYPTION_KEY),
  members: createServiceClient({
    service: 'members',
    baseUrl: config.MEMBERS_URL,
    caller: { service: config.SERVICE_NAME, internalTokenSecret: config.INTERNAL_TOKEN_SECRET },
  }),
});

export const buildApp = (deps: NotificationsDeps) => buildService(notificationsService, deps);

/** The service's settings from the environment, validated, with their defaults. */
export { loadNotificationsConfig as loadConfig } from './config';
