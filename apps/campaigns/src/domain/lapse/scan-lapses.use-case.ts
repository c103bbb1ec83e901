import { createEvent, type LapseState } from '@laoke/contracts';
import { appendToOutbox, type Database, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  memberActivityRepository as activity,
  type MemberActivity,
} from '../../data/member-activity.repository';
import { winBackRepository as winBack } from '../../data/win-back.repository';
import { CHURN_SURVEY_TEMPLATE, isHeldOut, lapseStateAt, WIN_BACK_JOURNEY } from './lapse-policy';
import { lapseChanged, type LapseDeps } from './record-purchase-activity';

const DAY_MS = 24 * 3_600_000;

async function startWinBack(trx: Transaction, deps: LapseDeps, member: MemberActivity, now: Date) {
  const id = uuidv7();
  const holdout = isHeldOut(id, deps.policy.holdoutPercent);
  await winBack.startJourney(trx, {
    id,
    brandId: member.brandId,
    memberId: member.memberId,
    storeId: member.storeId,
    holdout,
    startedAt: now,
    lastTouchAt: null,
  });
  if (holdout) return;
  await winBack.addSteps(
    trx,
    WIN_BACK_JOURNEY.map((s) => ({
      id: uuidv7(),
      journeyId: id,
      brandId: member.brandId,
      step: s.step,
      dueAt: new Date(now.getTime() + s.afterDays * DAY_MS),
    })),
  );
}

const churnSurvey = (member: MemberActivity, now: Date) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: now,
    brandId: member.brandId,
    storeId: member.storeId,
    memberId: member.memberId,
    data: {
      requestId: uuidv7(),
      memberId: member.memberId,
      template: CHURN_SURVEY_TEMPLATE,
      category: 'care' as const,
      purpose: 'survey' as const,
      dedupeKey: `churn-survey:${member.memberId}:${member.lastPurchaseAt.toISOString()}`,
      variables: {},
      reason: 'churned',
    },
  });

/** Moves one member to where their last purchase puts them, with what the new state starts. */
async function moveOn(trx: Transaction, deps: LapseDeps, member: MemberActivity, now: Date) {
  const to: LapseState = lapseStateAt(member.lastPurchaseAt, now, deps.policy);
  if (to === member.lapseState) return;
  await activity.setState(trx, member.brandId, member.memberId, to, now);
  await appendToOutbox(trx, [lapseChanged(member, member.lapseState, to, now)]);
  if (to === 'at-risk') await startWinBack(trx, deps, member, now);
  if (to === 'churned') {
    const journey = await winBack.openJourney(trx, member.brandId, member.memberId);
    if (journey)
      await winBack.endJourney(trx, journey.id, { at: now, reason: 'churned', converted: false });
    await appendToOutbox(trx, [churnSurvey(member, now)]);
  }
}

/**
 * R9's scan: each brand at its own clock, members idle past the thresholds move active → at-risk
 * (starting win-back) → churned (ending it, asking why). Rows another replica holds are skipped,
 * so replicas share the scan and nobody is moved twice. Returns how many members moved.
 */
export async function scanLapses(
  deps: LapseDeps & { db: Database },
  batchSize: number,
): Promise<number> {
  let moved = 0;
  for (const brandId of await activity.brands(deps.db)) {
    const now = deps.clock.nowFor(brandId);
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    for (const [state, idleDays] of [
      ['active', deps.policy.atRiskAfterDays],
      ['at-risk', deps.policy.churnedAfterDays],
    ] as const) {
      moved += await deps.db.transaction(async (trx) => {
        const idle = await activity.claimIdle(trx, brandId, state, daysAgo(idleDays), batchSize);
        for (const member of idle) await moveOn(trx, deps, member, now);
        return idle.length;
      });
    }
  }
  return moved;
}
