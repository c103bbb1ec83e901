import { createEvent, type ConsentCategory, type ConsentChannel } from '@laoke/contracts';
import { DomainError, appendToOutbox, type Database } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { consentsRepository as consents, type Consent } from '../data/consents.repository';
import { membersRepository as members } from '../data/members.repository';
import type { RegisterMemberDeps } from './register-member.use-case';

export interface ConsentDecision {
  channel: ConsentChannel;
  category: ConsentCategory;
  granted: boolean;
}

export interface ConsentChange {
  decisions: ConsentDecision[];
  /** Where the decision came from: a store form, an inbound opt-out, an API call. */
  source: string;
  /** Who recorded it (a staff id, a system name). */
  actor?: string;
  /** The wording the member was shown, kept as evidence. */
  wording?: string;
}

const memberNotFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
    kind: 'not-found',
    field: 'memberId',
  });

/** A channel and category given twice in one request would make its outcome depend on order. */
function refuseRepeats(decisions: ConsentDecision[]): void {
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    const pair = `${d.channel}/${d.category}`;
    if (seen.has(pair)) {
      throw new DomainError('CONSENT_REPEATED', `${pair} is given more than once`, {
        kind: 'invalid',
        field: `consents[${i}]`,
      });
    }
    seen.add(pair);
  });
}

/**
 * R5 and the personal-data law: consent per channel × category. Each decision that changes
 * what was recorded is kept as evidence (time, source, actor, wording) and published as one
 * `member.consent-changed`; repeating the current state changes nothing.
 */
export async function changeConsents(
  deps: RegisterMemberDeps,
  command: { brandId: string; memberId: string; change: ConsentChange; correlationId: string },
): Promise<Consent[]> {
  const { brandId, memberId, change } = command;
  refuseRepeats(change.decisions);
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    const member = await members.lockById(trx, brandId, memberId);
    if (!member) throw memberNotFound();
    const before = await consents.current(trx, memberId);
    const changed = change.decisions.filter(
      (d) =>
        before.find((c) => c.channel === d.channel && c.category === d.category)?.granted !==
        d.granted,
    );
    for (const decision of changed) {
      const consent: Consent = { ...decision, source: change.source, changedAt: now };
      await consents.set(trx, memberId, consent);
      await consents.recordEvidence(trx, {
        ...consent,
        id: uuidv7(),
        brandId,
        memberId,
        actor: change.actor ?? null,
        wording: change.wording ?? null,
      });
    }
    await appendToOutbox(
      trx,
      changed.map((decision) =>
        createEvent({
          type: 'member.consent-changed',
          brandId,
          storeId: member.homeStoreId,
          memberId,
          correlationId: command.correlationId,
          occurredAt: now,
          data: { memberId, ...decision, source: change.source, changedAt: now.toISOString() },
        }),
      ),
    );
    return consents.current(trx, memberId);
  });
}

export async function currentConsents(
  deps: { db: Database },
  brandId: string,
  memberId: string,
): Promise<Consent[]> {
  const member = await members.findById(deps.db, brandId, memberId);
  if (!member) throw memberNotFound();
  return consents.current(deps.db, memberId);
}
