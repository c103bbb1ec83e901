import type { BrandClock, Database, PiiCipher } from '@laoke/platform';
import type { Logger } from 'pino';
import type { ChannelSenders } from '../providers/channel-sender';
import type { SmsProvider } from '../providers/sms-provider';
import type { PolicyDefaults } from './notification-policy';
import type { ProviderRateLimits } from './provider-rate-limit';

/** What claiming, sending and recovering deliveries need. */
export interface DeliveryDeps {
  db: Database;
  /** The SMS gateways, primary first, with failover. */
  sms: SmsProvider;
  /** WeChat and e-mail providers, each with failover; one not configured fails its deliveries. */
  channels: ChannelSenders;
  pii: PiiCipher;
  clock: BrandClock;
  logger: Logger;
  /** What a brand's messaging policy is laid over (time zone, SMS signature, limits). */
  policyDefaults: PolicyDefaults;
  unknownMemberGraceMs: number;
  /** An unsettled delivery untouched this long is sent again, with the same reference. */
  resendAfterMs: number;
  maxAttempts: number;
  /** Backoff between attempts after a retryable failure. */
  retry: { baseMs: number; maxMs: number };
  /** Calls per second per provider (PROVIDER_RATE_LIMITS); more wait for the next second. */
  rateLimits: ProviderRateLimits;
}
