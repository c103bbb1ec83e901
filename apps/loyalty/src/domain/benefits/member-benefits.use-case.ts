import { createEvent, type BenefitKind } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MembersClient } from '../../clients/members.client';
import { benefitsRepository as benefits, type HeldBenefit } from '../../data/benefits.repository';
import { requireMember } from '../member-directory';
import { definitionForStore } from '../programme/definition-problems';
import { programmeInForce } from '../programme/programme.use-case';
import { localTime } from '../programme/promotion-conditions';
import { nextMemberDay } from './benefit-calendar';
import { offeredBenefits, periodOf } from './benefit-offer';

export interface BenefitsDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
}

export type EntitlementStatus = 'available' | 'claimed' | 'not-earned' | 'withdrawn' | 'not-today';

export interface Entitlement {
  kind: BenefitKind;
  period: string;
  status: EntitlementStatus;
  benefitId: string | null;
  grantedAt: string | null;
  claimedAt: string | null;
  claimedStoreId: string | null;
  /** The member-day discount: its rate and the next day it can be claimed. */
  discountBp?: number;
  availableOn?: string;
}

export interface MemberBenefits {
  memberId: string;
  programmeVersion: number;
  asOf: string;
  benefits: Entitlement[];
}

export interface BenefitClaim {
  benefitId: string;
  memberId: string;
  kind: BenefitKind;
  period: string;
  storeId: string;
  claimedAt: string;
  discountBp?: number;
}

const held = (benefit: HeldBenefit) => ({
  benefitId: benefit.id,
  grantedAt: benefit.grantedAt.toISOString(),
  claimedAt: benefit.claimedAt?.toISOString() ?? null,
  claimedStoreId: benefit.claimedStoreId,
});
const none = { benefitId: null, grantedAt: null, claimedAt: null, claimedStoreId: null };

/**
 * R4 "members must be told what they can claim": each benefit the programme in force offers,
 * for the current period in the programme's calendar, with its status.
 */
export async function listBenefits(
  deps: BenefitsDeps,
  query: { brandId: string; memberId: string; requestId: string },
): Promise<MemberBenefits> {
  await requireMember(deps, query.brandId, query.memberId, query.requestId);
  const now = deps.clock.nowFor(query.brandId);
  const programme = await programmeInForce(deps.db, query.brandId, now);
  const { definition } = programme;
  const local = localTime(now, definition.timeZone);
  const kinds = offeredBenefits(definition);
  const periods = kinds.map((kind) => ({ kind, period: periodOf(kind, local) }));
  const rows = await benefits.forPeriods(deps.db, query.brandId, query.memberId, periods);
  const entitlements = periods.map(({ kind, period }): Entitlement => {
    const row = rows.find((r) => r.kind === kind && r.period === period);
    if (row) return { kind, period, status: row.status, ...held(row) };
    if (kind === 'birthday-gift') return { kind, period, status: 'not-earned', ...none };
    if (kind === 'quarterly-gift') return { kind, period, status: 'available', ...none };
    const memberDay = definition.memberDay;
    const today = memberDay?.dayOfMonth === local.day;
    return {
      kind,
      period,
      status: today ? 'available' : 'not-today',
      ...none,
      ...(memberDay && {
        discountBp: memberDay.discountBp,
        availableOn: nextMemberDay(local, memberDay.dayOfMonth),
      }),
    };
  });
  return {
    memberId: query.memberId,
    programmeVersion: programme.version,
    asOf: now.toISOString(),
    benefits: entitlements,
  };
}

/**
 * R4: a member claims a benefit once per period, with the store that handed it over kept on
 * the claim record. A second claim is a 409; a benefit not (yet) held or not offered a 422.
 * The birthday gift was announced (benefit.granted) when the birthday purchase earned it; the
 * quarterly gift and the member-day discount are standing offers, announced when claimed.
 */
export async function claimBenefit(
  deps: BenefitsDeps,
  command: {
    brandId: string;
    memberId: string;
    kind: BenefitKind;
    storeId: string;
    idempotencyKey: string;
    requestId: string;
  },
): Promise<IdempotentOutcome<BenefitClaim>> {
  const { brandId, memberId, kind, storeId } = command;
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('claim-benefit', { memberId, kind, storeId }),
    },
    {
      prepare: () => requireMember(deps, brandId, memberId, command.requestId),
      work: (trx) => claim(trx, deps, command),
    },
  );
}

async function claim(
  trx: Transaction,
  deps: BenefitsDeps,
  command: {
    brandId: string;
    memberId: string;
    kind: BenefitKind;
    storeId: string;
    requestId: string;
  },
): Promise<BenefitClaim> {
  const { brandId, memberId, kind, storeId } = command;
  const now = deps.clock.nowFor(brandId);
  const programme = await programmeInForce(trx, brandId, now);
  const definition = definitionForStore(programme.definition, storeId);
  if (!offeredBenefits(definition).includes(kind))
    throw notAvailable('the programme in force offers no such benefit');
  const local = localTime(now, definition.timeZone);
  const period = periodOf(kind, local);
  const claimed = { memberId, kind, period, storeId, claimedAt: now.toISOString() };

  if (kind === 'birthday-gift') {
    const gift = await benefits.findForUpdate(trx, { brandId, memberId, kind, period });
    if (gift?.status === 'claimed') throw alreadyClaimed();
    if (gift?.status !== 'available')
      throw notAvailable('a purchase on the birthday earns the gift; none this year');
    await benefits.markClaimed(trx, gift.id, now, storeId);
    return { benefitId: gift.id, ...claimed };
  }

  if (kind === 'member-day-discount' && definition.memberDay?.dayOfMonth !== local.day)
    throw notAvailable(`claimable on day ${definition.memberDay?.dayOfMonth} of the month only`);
  const benefitId = uuidv7();
  const granted = await benefits.grant(trx, {
    id: benefitId,
    brandId,
    memberId,
    kind,
    period,
    status: 'claimed',
    storeId,
    at: now,
  });
  if (!granted) throw alreadyClaimed();
  await appendToOutbox(trx, [
    createEvent({
      type: 'benefit.granted',
      brandId,
      storeId,
      memberId,
      correlationId: command.requestId,
      occurredAt: now,
      data: { benefitId, memberId, kind, period, storeId, grantedAt: now.toISOString() },
    }),
  ]);
  return {
    benefitId,
    ...claimed,
    ...(kind === 'member-day-discount' &&
      definition.memberDay && { discountBp: definition.memberDay.discountBp }),
  };
}

const alreadyClaimed = () =>
  new DomainError('BENEFIT_ALREADY_CLAIMED', 'this benefit was already claimed for this period', {
    kind: 'conflict',
    field: 'kind',
  });

const notAvailable = (why: string) =>
  new DomainError('BENEFIT_NOT_AVAILABLE', why, { kind: 'rule', field: 'kind' });
