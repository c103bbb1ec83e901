import { createEvent, type NotificationPurpose } from '@laoke/contracts';
import { appendToOutbox, type BrandClock, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  referralsRepository as referrals,
  type FirstPurchase,
  type Referral,
} from '../../data/referrals.repository';
import { endOfLocalDay, localDay } from '../greetings/greeting-policy';
import { createStaffTask } from '../tasks/create-staff-task';
import { REFERRAL_TEMPLATES, type ReferralPolicy } from './referral-policy';

export interface ReferralDeps {
  clock: BrandClock;
  policy: ReferralPolicy;
}

const DAY_MS = 86_400_000;

const careRequest = (r: {
  brandId: string;
  storeId: string;
  memberId: string;
  purpose: NotificationPurpose;
  template: string;
  dedupeKey: string;
  expiresAt: Date;
  now: Date;
}) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: r.now,
    brandId: r.brandId,
    storeId: r.storeId,
    memberId: r.memberId,
    data: {
      requestId: uuidv7(),
      memberId: r.memberId,
      template: r.template,
      category: 'care' as const,
      purpose: r.purpose,
      variables: {},
      reason: `R7 ${r.purpose}`,
      dedupeKey: r.dedupeKey,
      expiresAt: r.expiresAt.toISOString(),
    },
  });

/**
 * R7: the referred member's first purchase, whatever its amount, thanks the referrer and welcomes
 * the new member the same local day, and puts a follow-up call on the store's list within a week.
 * Runs once per referred member, whichever of the referral and the purchase arrives first.
 */
async function welcome(
  trx: Transaction,
  deps: ReferralDeps,
  referral: Referral,
  purchase: FirstPurchase,
): Promise<void> {
  const now = deps.clock.nowFor(referral.brandId);
  // A purchase synced late is still welcomed, by the end of the day it is welcomed on.
  const day = localDay(
    purchase.purchasedAt > now ? purchase.purchasedAt : now,
    deps.policy.timeZone,
  );
  const expiresAt = endOfLocalDay(day, deps.policy.timeZone);
  const key = `referral:${referral.memberId}`;
  const common = { brandId: referral.brandId, storeId: purchase.storeId, expiresAt, now };
  await appendToOutbox(trx, [
    careRequest({
      ...common,
      memberId: referral.referrerMemberId,
      purpose: 'referral-thanks',
      template: REFERRAL_TEMPLATES.thanks,
      dedupeKey: `${key}:thanks`,
    }),
    careRequest({
      ...common,
      memberId: referral.memberId,
      purpose: 'welcome',
      template: REFERRAL_TEMPLATES.welcome,
      dedupeKey: `${key}:welcome`,
    }),
  ]);
  await createStaffTask(
    trx,
    {
      brandId: referral.brandId,
      storeId: purchase.storeId,
      memberId: referral.memberId,
      kind: 'referral-follow-up',
      role: 'associate',
      assigneeId: null,
      title: '朋友介绍的新会员：回访购买体验',
      dueAt: new Date(purchase.purchasedAt.getTime() + deps.policy.followUpDays * DAY_MS),
      sourceKey: `${key}:follow-up`,
    },
    now,
  );
  await referrals.markWelcomed(trx, referral, purchase.purchaseId, now);
}

export async function recordReferral(
  trx: Transaction,
  deps: ReferralDeps,
  referral: Referral,
): Promise<void> {
  await referrals.lockMember(trx, referral.brandId, referral.memberId);
  await referrals.insertReferral(trx, referral);
  const purchase = await referrals.firstPurchase(trx, referral.brandId, referral.memberId);
  const open = await referrals.unwelcomed(trx, referral.brandId, referral.memberId);
  if (purchase && open) await welcome(trx, deps, open, purchase);
}

export async function recordFirstPurchase(
  trx: Transaction,
  deps: ReferralDeps,
  purchase: FirstPurchase,
): Promise<void> {
  await referrals.lockMember(trx, purchase.brandId, purchase.memberId);
  const first = await referrals.keepFirstPurchase(trx, purchase);
  const open = await referrals.unwelcomed(trx, purchase.brandId, purchase.memberId);
  if (open) await welcome(trx, deps, open, first);
}

export const forgetReferrals = (trx: Transaction, brandId: string, memberId: string) =>
  referrals.forgetMember(trx, brandId, memberId);
