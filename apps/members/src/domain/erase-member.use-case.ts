import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type IdempotentOutcome,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { cardsRepository as cards } from '../data/cards.repository';
import { consentsRepository as consents } from '../data/consents.repository';
import {
  erasuresRepository as erasures,
  type Erasure,
  type ErasureSource,
} from '../data/erasures.repository';
import { membersRepository as members } from '../data/members.repository';
import { referralsRepository as referrals } from '../data/referrals.repository';
import type { Member } from './member';
import type { RegisterMemberDeps } from './register-member.use-case';

export interface ErasureRequest {
  /** Who asked: the member in person, a staff id, a regulator's reference. */
  requestedBy: string;
  reason: string;
  source: ErasureSource;
}

export interface ErasureRecord {
  memberId: string;
  requestedBy: string;
  reason: string;
  source: ErasureSource;
  erasedAt: string;
}

const memberNotFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
    kind: 'not-found',
    field: 'memberId',
  });

const toRecord = (erasure: Erasure): ErasureRecord => ({
  memberId: erasure.memberId,
  requestedBy: erasure.requestedBy,
  reason: erasure.reason,
  source: erasure.source,
  erasedAt: erasure.erasedAt.toISOString(),
});

/** Every consent still granted is revoked, with evidence naming the erasure as its source. */
async function revokeConsents(trx: Transaction, member: Member, actor: string, at: Date) {
  for (const consent of await consents.current(trx, member.id)) {
    if (!consent.granted) continue;
    const revoked = { ...consent, granted: false, source: 'erasure', changedAt: at };
    await consents.set(trx, member.id, revoked);
    await consents.recordEvidence(trx, {
      ...revoked,
      id: uuidv7(),
      brandId: member.brandId,
      memberId: member.id,
      actor,
      wording: null,
    });
  }
}

/**
 * PIPL: a member asks to be forgotten. In one transaction their personal fields are emptied,
 * their cards blocked, their consents revoked (the evidence stays, without personal data),
 * their referral links cut, and `member.erased` is written to the outbox so every other
 * service drops its copy. The member id stays as a key that names nobody, so purchase facts
 * and totals elsewhere remain right. Idempotent per Idempotency-Key.
 */
export async function eraseMember(
  deps: RegisterMemberDeps,
  command: {
    brandId: string;
    memberId: string;
    request: ErasureRequest;
    idempotencyKey: string;
    correlationId: string;
  },
): Promise<IdempotentOutcome<ErasureRecord>> {
  const { brandId, memberId, request } = command;
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('erase-member', { memberId, ...request }),
    },
    {
      work: async (trx) => {
        const now = deps.clock.nowFor(brandId);
        const member = await members.lockById(trx, brandId, memberId);
        if (!member) {
          if (await erasures.find(trx, brandId, memberId)) {
            throw new DomainError(
              'MEMBER_ALREADY_ERASED',
              'this member was already erased; GET /v1/members/{memberId}/erasure shows the record',
              { kind: 'rule', field: 'memberId' },
            );
          }
          throw memberNotFound();
        }
        await members.erase(trx, member, now);
        await members.detachReferrer(trx, brandId, memberId, now);
        await referrals.detach(trx, brandId, memberId);
        await cards.blockAllOf(trx, memberId, now);
        await revokeConsents(trx, member, request.requestedBy, now);
        await erasures.forgetPublishedEvents(trx, memberId);
        const erasure: Erasure = { ...request, memberId, brandId, erasedAt: now };
        await erasures.insert(trx, erasure);
        await appendToOutbox(trx, [
          createEvent({
            type: 'member.erased',
            brandId,
            storeId: member.homeStoreId,
            memberId,
            correlationId: command.correlationId,
            occurredAt: now,
            data: { memberId, erasedAt: now.toISOString() },
          }),
        ]);
        return toRecord(erasure);
      },
    },
  );
}

/** The evidence of an erasure; 404 for a member who was never erased (or never existed). */
export async function findErasure(
  deps: Pick<RegisterMemberDeps, 'db'>,
  brandId: string,
  memberId: string,
): Promise<ErasureRecord> {
  const erasure = await erasures.find(deps.db, brandId, memberId);
  if (erasure) return toRecord(erasure);
  if (await members.findById(deps.db, brandId, memberId)) {
    throw new DomainError('ERASURE_NOT_FOUND', 'this member has not been erased', {
      kind: 'not-found',
      field: 'memberId',
    });
  }
  throw memberNotFound();
}
