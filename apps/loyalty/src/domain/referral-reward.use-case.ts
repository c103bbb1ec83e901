import { createEvent, type MemberReferredData } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { pointsRepository as accounts } from '../data/points.repository';
import { credit } from './points-book';
import type { PointsPolicyFor } from './points-policy';
import { programmeInForce } from './programme/programme.use-case';

export interface ReferralRewardDeps {
  clock: BrandClock;
  pointsPolicy: PointsPolicyFor;
}

/** Who is behind points the programme gives without a purchase, on the audit record. */
const PROGRAMME_ACTOR = 'programme:referral';

/**
 * R7 "referral rewards are set by head office": when a member joins on another's referral and
 * the programme in force at that moment sets a referral reward, the referrer gets its points,
 * once per referred member (redeliveries and replays change nothing), as an audited adjustment
 * (points.adjusted, actor `programme:referral`). No reward set: nothing happens.
 */
export async function rewardReferral(
  trx: Transaction,
  deps: ReferralRewardDeps,
  referral: { brandId: string; correlationId?: string; data: MemberReferredData },
): Promise<void> {
  const { brandId, data } = referral;
  const programme = await programmeInForce(trx, brandId, new Date(data.referredAt));
  const points = programme.definition.referral?.referrerPoints;
  if (!points || data.referrerMemberId === data.memberId) return;

  const now = deps.clock.nowFor(brandId);
  const adjustmentId = uuidv7();
  const first = await trx('referral_rewards')
    .insert({
      referred_member_id: data.memberId,
      brand_id: brandId,
      referrer_member_id: data.referrerMemberId,
      adjustment_id: adjustmentId,
      points,
      programme_version: programme.version,
      rewarded_at: now,
    })
    .onConflict('referred_member_id')
    .ignore()
    .returning('referred_member_id');
  if (first.length === 0) return;

  const reason = `referral reward: referred member ${data.memberId} joined`;
  await trx('points_adjustments').insert({
    id: adjustmentId,
    brand_id: brandId,
    member_id: data.referrerMemberId,
    points,
    reason,
    actor: PROGRAMME_ACTOR,
    created_at: now,
  });
  const account = await accounts.lock(trx, brandId, data.referrerMemberId, now);
  const after = await credit(trx, account, points, {
    brandId,
    at: now,
    kind: 'adjust',
    reason,
    adjustmentId,
    policy: deps.pointsPolicy(brandId),
    rules: [{ rule: 'referral', points }],
    programmeVersion: programme.version,
  });
  await appendToOutbox(trx, [
    createEvent({
      type: 'points.adjusted',
      brandId,
      memberId: data.referrerMemberId,
      ...(referral.correlationId && { correlationId: referral.correlationId }),
      occurredAt: now,
      data: {
        memberId: data.referrerMemberId,
        adjustmentId,
        points,
        balance: after.balance,
        reason,
        actor: PROGRAMME_ACTOR,
      },
    }),
  ]);
}
