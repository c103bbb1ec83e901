import {
  DomainError,
  appendToOutbox,
  type BrandClock,
  type Database,
  type Queryable,
} from '@laoke/platform';
import {
  SERVING_ROLES,
  associatesRepository as associates,
} from '../../data/associates.repository';
import { membersRepository as members } from '../../data/members.repository';
import type { Member } from '../member';
import { associateReassigned } from './associate-reassigned-event';

export interface AssignServingAssociateCommand {
  brandId: string;
  memberId: string;
  /** The member's version as the caller last read it (If-Match). */
  expectedVersion: number;
  /** Null leaves the member without an associate. */
  associateId: string | null;
  correlationId: string;
}

const refused = (code: string, message: string) =>
  new DomainError(code, message, { kind: 'unknown-reference', field: 'associateId' });

/** Serving means an active associate or store manager of the member's brand (R2). */
async function assertMayServe(trx: Queryable, brandId: string, associateId: string): Promise<void> {
  const staff = await associates.shareLockStaff(trx, brandId, associateId);
  if (!staff) throw refused('UNKNOWN_ASSOCIATE', 'no staff member of this brand has this id');
  if (staff.status !== 'active') throw refused('ASSOCIATE_HAS_LEFT', 'this staff member has left');
  if (!(SERVING_ROLES as readonly string[]).includes(staff.role))
    throw refused('NOT_AN_ASSOCIATE', 'only an associate or a store manager serves members');
}

/**
 * R2: a person (re)assigns the member's serving associate. Optimistic like every member change
 * (If-Match); naming the associate the member already has changes nothing and emits nothing.
 */
export async function assignServingAssociate(
  deps: { db: Database; clock: BrandClock },
  command: AssignServingAssociateCommand,
): Promise<Member> {
  const { brandId, memberId, associateId } = command;
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    // The staff row before the member row, the order a departure takes them in.
    if (associateId !== null) await assertMayServe(trx, brandId, associateId);
    const current = await members.lockById(trx, brandId, memberId);
    if (!current)
      throw new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
        kind: 'not-found',
        field: 'memberId',
      });
    if (current.version !== command.expectedVersion)
      throw new DomainError('STALE_VERSION', 'the member was changed since this version was read', {
        kind: 'stale',
        field: 'if-match',
      });
    if (current.servingAssociateId === associateId) return current;

    const next: Member = {
      ...current,
      servingAssociateId: associateId,
      version: current.version + 1,
      updatedAt: now,
    };
    await associates.saveServingAssociate(trx, next);
    await appendToOutbox(trx, [
      associateReassigned(next, current.servingAssociateId, 'changed', command.correlationId),
    ]);
    return next;
  });
}
