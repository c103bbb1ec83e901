import { Type, type Static } from 'typebox';
import { BaseConfigProperties, loadConfig } from '@laoke/platform';

export const NotificationsConfigProperties = {
  ...BaseConfigProperties,
  PII_ENCRYPTION_KEY: Type.String({ minLength: 40 }),
  MEMBERS_URL: Type.String({
    minLength: 1,
    description: 'members service, asked about a member not yet in the contact projection',
  }),
  SMS_PROVIDER_URL: Type.String({ minLength: 1, description: 'HTTP endpoint of the SMS gateway' }),
  SMS_PROVIDER_NAME: Type.String({
    minLength: 1,
    maxLength: 64,
    default: 'sms-primary',
    description: 'Name of the primary SMS gateway, as its webhooks are addressed',
  }),
  SMS_SECONDARY_PROVIDER_URL: Type.String({
    default: '',
    description: 'SMS gateway that takes over when the primary fails retryably; empty: none',
  }),
  SMS_SECONDARY_PROVIDER_NAME: Type.String({
    minLength: 1,
    maxLength: 64,
    default: 'sms-secondary',
  }),
  WECHAT_PROVIDER_URL: Type.String({
    default: '',
    description:
      'WeChat subscription-message endpoint (…/cgi-bin/message/subscribe/send?access_token=…); empty: WeChat deliveries fail openly',
  }),
  WECHAT_PROVIDER_NAME: Type.String({ minLength: 1, maxLength: 64, default: 'wechat-primary' }),
  WECHAT_SECONDARY_PROVIDER_URL: Type.String({
    default: '',
    description: 'WeChat relay that takes over when the primary fails retryably; empty: none',
  }),
  WECHAT_SECONDARY_PROVIDER_NAME: Type.String({
    minLength: 1,
    maxLength: 64,
    default: 'wechat-secondary',
  }),
  WECHAT_TEMPLATE_IDS: Type.String({
    default: '{}',
    description:
      'JSON object template key → WeChat template id of the mini-program; a key not listed is sent as its own id',
  }),
  EMAIL_SMTP_HOST: Type.String({
    default: '',
    description: 'SMTP server for e-mail; empty: e-mail deliveries fail openly',
  }),
  EMAIL_SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  EMAIL_SMTP_SECURE: Type.Boolean({
    default: false,
    description: 'TLS from the first byte (port 465); otherwise STARTTLS when offered',
  }),
  EMAIL_SMTP_USER: Type.String({ default: '', description: 'empty: no SMTP authentication' }),
  EMAIL_SMTP_PASSWORD: Type.String({ default: '' }),
  EMAIL_FROM: Type.String({ minLength: 3, default: '老客 Laoke <no-reply@laoke.dev>' }),
  EMAIL_PROVIDER_NAME: Type.String({ minLength: 1, maxLength: 64, default: 'email-smtp' }),
  PROVIDER_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  PROVIDER_RATE_LIMITS: Type.String({
    default: '',
    pattern:
      '^ *$|^ *[A-Za-z0-9._-]{1,64}=[1-9][0-9]{0,5} *(, *[A-Za-z0-9._-]{1,64}=[1-9][0-9]{0,5} *)*$',
    description:
      'Messages per second per provider, shared by all replicas, e.g. sms-primary=50,sms-secondary=20; a provider not named has no limit. More wait for the next second.',
  }),
  DELIVERY_RETRY_BASE_MS: Type.Integer({
    minimum: 10,
    default: 5_000,
    description: 'First wait after a retryable provider failure; doubles per attempt, with jitter',
  }),
  DELIVERY_RETRY_MAX_MS: Type.Integer({ minimum: 10, default: 600_000 }),
  WEBHOOK_SECRET: Type.String({
    default: '',
    description:
      'Shared secret providers send as x-webhook-secret; empty refuses every webhook call',
  }),
  OPT_OUT_WORDS: Type.String({
    default: 'R,T,TD,退订',
    description: 'Comma-separated replies that opt a member out of marketing on that channel',
  }),
  BRAND_OPT_OUT_WORDS: Type.String({
    default: '{}',
    description: 'JSON object brandId → extra opt-out words, e.g. {"brand-a":["取消"]}',
  }),
  CONSENT_SYNC_INTERVAL_MS: Type.Integer({
    minimum: 10,
    default: 30_000,
    description: 'How often opt-outs members did not accept yet are offered to it again',
  }),
  SMS_SIGNATURE: Type.String({
    default: '【老客】',
    description: 'Brand signature every SMS carries, unless the brand policy sets its own',
  }),
  SMS_OPT_OUT_TEXT: Type.String({
    default: '拒收请回复R',
    description:
      "Provider's opt-out text every marketing SMS ends with, unless the brand's policy sets its own",
  }),
  SMS_DAILY_LIMIT: Type.Integer({
    minimum: 1,
    default: 50,
    description:
      'SMS per number per local day, unless the brand policy sets its own; more wait for the next day',
  }),
  BRAND_TIME_ZONE: Type.String({
    default: 'Asia/Shanghai',
    description: 'Time zone for quiet hours and daily limits of a member and brand that name none',
  }),
  UNKNOWN_MEMBER_GRACE_MS: Type.Integer({
    minimum: 0,
    default: 15_000,
    description: 'How long a request waits for its member to reach the contact projection',
  }),
  DELIVERY_RESEND_AFTER_MS: Type.Integer({
    minimum: 100,
    default: 60_000,
    description:
      'An unsettled delivery untouched this long is sent again with the same provider reference; keep it above the 5 s provider timeout',
  }),
  DELIVERY_MAX_ATTEMPTS: Type.Integer({ minimum: 1, default: 10 }),
  DELIVERY_RECOVERY_INTERVAL_MS: Type.Integer({ minimum: 10, default: 10_000 }),
};

export type NotificationsConfig = Static<
  ReturnType<typeof Type.Object<typeof NotificationsConfigProperties>>
>;

export const loadNotificationsConfig = (env = process.env): NotificationsConfig =>
  loadConfig(NotificationsConfigProperties, env);
