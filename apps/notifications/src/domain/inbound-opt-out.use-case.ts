import {
  DomainError,
  type BrandClock,
  type Database,
  type PiiCipher,
  type ServiceClient,
} from '@laoke/platform';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { consentKey, contactsRepository as contacts } from '../data/contacts.repository';
import { optOutsRepository as optOuts, smsRecipientsRepository } from '../data/opt-outs.repository';
import {
  pendingConsentUpdatesRepository as pending,
  type PendingConsentUpdate,
} from '../data/pending-consent-updates.repository';

export interface InboundDeps {
  db: Database;
  clock: BrandClock;
  pii: PiiCipher;
  members: ServiceClient;
  logger: Logger;
  /** Replies that opt out everywhere, and each brand's own. */
  optOutWords: { common: string[]; byBrand: Record<string, string[]> };
  consentRetryMs: number;
}

const normalise = (text: string) =>
  text
    .trim()
    .replace(/[。.!！\s]+$/u, '')
    .toUpperCase();

export const isOptOutReply = (
  text: string,
  words: InboundDeps['optOutWords'],
  brandId: string,
): boolean => {
  const reply = normalise(text);
  return [...words.common, ...(words.byBrand[brandId] ?? [])].some(
    (word) => normalise(word) === reply,
  );
};

/**
 * Tells members a consent change heard here. Answers whether members took it; when it cannot be
 * asked now the pending row stays for the consent-sync job.
 */
export async function offerConsentUpdate(
  deps: InboundDeps,
  update: PendingConsentUpdate,
): Promise<boolean> {
  try {
    const answer = await deps.members.put(
      `/v1/members/${encodeURIComponent(update.memberId)}/consents`,
      {
        consents: [{ channel: update.channel, category: update.category, granted: update.granted }],
        source: 'sms-reply',
        actor: 'notifications',
      },
      { brandId: update.brandId, requestId: update.id },
    );
    // A member erased or unknown there: nothing left to tell; anything else is a fault to retry.
    if (answer.status === 200 || answer.status === 404) {
      await pending.done(deps.db, update.id);
      return true;
    }
    throw new Error(`members answered ${answer.status}`);
  } catch (error) {
    const delayMs = Math.min(deps.consentRetryMs * 2 ** update.attempts, 3_600_000);
    await pending.postpone(
      deps.db,
      update.id,
      new Date(deps.clock.now().getTime() + delayMs),
      (error as Error).message,
    );
    deps.logger.warn(
      { memberId: update.memberId, reason: (error as Error).message },
      'consent change not accepted by members yet; offered again later',
    );
    return false;
  }
}

/**
 * An inbound SMS. An opt-out word ("R", "T", "TD", "退订", the brand's own) from a number we
 * sent to opts each member behind it out of marketing SMS: at once locally (every later send
 * checks it), and at members, which owns consent — now, or by the consent-sync job when members
 * cannot be asked.
 */
export async function handleInboundSms(
  deps: InboundDeps,
  inbound: { provider: string; from: string; text: string },
): Promise<{ optedOut: number }> {
  if (!/^\+?[0-9]{5,20}$/.test(inbound.from))
    throw new DomainError('INVALID_SENDER', 'from must be a phone number', {
      kind: 'invalid',
      field: 'from',
    });
  const fingerprint = deps.pii.fingerprint(inbound.from.replace(/^\+?86(?=1\d{10}$)/, ''));
  const recipients = await smsRecipientsRepository.recipientsOf(deps.db, fingerprint);
  const offers: PendingConsentUpdate[] = [];
  await deps.db.transaction(async (trx) => {
    for (const { brandId, memberId } of recipients) {
      if (!isOptOutReply(inbound.text, deps.optOutWords, brandId)) continue;
      const at = deps.clock.now();
      const optOut = { memberId, brandId, channel: 'sms', category: 'marketing' };
      await optOuts.record(trx, { ...optOut, source: `reply via ${inbound.provider}` }, at);
      // The routing decision reads the projected consent: later requests are suppressed there.
      await contacts.setConsent(trx, memberId, brandId, consentKey('sms', 'marketing'), false, at);
      const update = { id: uuidv7(), ...optOut, granted: false };
      await pending.add(trx, update, at);
      offers.push({ ...update, attempts: 0 });
    }
  });
  for (const offer of offers) await offerConsentUpdate(deps, offer);
  return { optedOut: offers.length };
}

/** Offers members the consent changes it has not accepted yet. */
export async function syncPendingConsents(deps: InboundDeps, batchSize = 50): Promise<number> {
  const due = await pending.findDue(deps.db, deps.clock.now(), batchSize);
  for (const update of due) await offerConsentUpdate(deps, update);
  return due.length;
}
