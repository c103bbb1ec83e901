import type { BrandClock, Database } from '@laoke/platform';
import { providerRateLimitRepository as windows } from '../data/provider-rate-limit.repository';

/** Calls per second each provider accepts; a provider not named has no limit. */
export type ProviderRateLimits = Readonly<Record<string, number>>;

const ENTRY = /^([A-Za-z0-9._-]{1,64})=([1-9][0-9]{0,5})$/;

/** `sms-primary=50,sms-secondary=20` → { 'sms-primary': 50, 'sms-secondary': 20 }. */
export function parseProviderRateLimits(text: string): ProviderRateLimits {
  const limits: Record<string, number> = {};
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    const match = ENTRY.exec(entry);
    if (!match?.[1] || !match[2])
      throw new Error(`PROVIDER_RATE_LIMITS: "${entry}" is not provider=messagesPerSecond`);
    limits[match[1]] = Number(match[2]);
  }
  return limits;
}

/** The provider has had its calls for this second; the message waits until `retryAt`. */
export class ProviderBusy extends Error {
  override name = 'ProviderBusy';
  constructor(
    readonly provider: string,
    readonly retryAt: Date,
  ) {
    super(`${provider} is at its rate limit; waiting until ${retryAt.toISOString()}`);
  }
}

const SECOND_MS = 1_000;

export interface ProviderRateLimitDeps {
  db: Database;
  /** The machine's time (`now()`): a provider counts real seconds, whatever a brand's clock. */
  clock: BrandClock;
  rateLimits: ProviderRateLimits;
}

/**
 * Takes one of the provider's calls for the current second, shared by every replica through
 * PostgreSQL, or throws ProviderBusy with a time within the next second: the waiting messages
 * spread over it instead of all coming back at its first millisecond.
 */
export async function takeProviderSlot(
  deps: ProviderRateLimitDeps,
  provider: string,
  spread: () => number = Math.random,
): Promise<void> {
  const limit = deps.rateLimits[provider];
  if (limit === undefined) return;
  const now = deps.clock.now().getTime();
  const windowStart = now - (now % SECOND_MS);
  if (await windows.takeSlot(deps.db, provider, new Date(windowStart), limit)) return;
  const nextWindow = windowStart + SECOND_MS;
  throw new ProviderBusy(provider, new Date(nextWindow + Math.floor(spread() * SECOND_MS)));
}

/**
 * Over a provider's rate limit: the delivery waits for the time ProviderBusy gave, never
 * dropped; unless a provider was called, the wait does not count as an attempt.
 */
export async function waitForProviderWindow(
  deps: { db: Database },
  deliveryId: string,
  busy: ProviderBusy,
  providerCalled: boolean,
): Promise<void> {
  await windows.defer(deps.db, deliveryId, busy.retryAt, { providerCalled });
}
