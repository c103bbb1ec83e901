import { createHash } from 'node:crypto';
import type { LapseState, TaskRole } from '@laoke/contracts';

const DAY_MS = 24 * 3_600_000;

/** R9: when a member counts as at risk or churned, and how win-back is measured. */
export interface LapsePolicy {
  atRiskAfterDays: number;
  churnedAfterDays: number;
  /** Share of win-back journeys (0–100) held out: recorded, never touched. */
  holdoutPercent: number;
  /** A purchase this many days after the journey's last touch (or start) counts as won back. */
  attributionDays: number;
}

/** Where a member stands `now`, from the time of their last purchase. */
export function lapseStateAt(lastPurchaseAt: Date, now: Date, policy: LapsePolicy): LapseState {
  const idleDays = (now.getTime() - lastPurchaseAt.getTime()) / DAY_MS;
  if (idleDays >= policy.churnedAfterDays) return 'churned';
  if (idleDays >= policy.atRiskAfterDays) return 'at-risk';
  return 'active';
}

export type WinBackAction =
  { kind: 'message'; template: string } | { kind: 'task'; role: TaskRole; title: string };

export interface WinBackStep {
  step: string;
  afterDays: number;
  action: WinBackAction;
}

/** The win-back journey a member enters on becoming at risk; a purchase ends it. */
export const WIN_BACK_JOURNEY: WinBackStep[] = [
  {
    step: 'we-miss-you',
    afterDays: 0,
    action: { kind: 'message', template: 'win_back.we_miss_you' },
  },
  {
    step: 'manager-call',
    afterDays: 7,
    action: { kind: 'task', role: 'store-manager', title: 'Call a member who has not been back' },
  },
  {
    step: 'event-invitation',
    afterDays: 21,
    action: { kind: 'message', template: 'win_back.event_invitation' },
  },
];

export const stepOf = (name: string): WinBackStep | undefined =>
  WIN_BACK_JOURNEY.find((s) => s.step === name);

/** A journey's place in or out of the holdout follows from its id: stable, and uniform. */
export function isHeldOut(journeyId: string, holdoutPercent: number): boolean {
  const bucket = createHash('sha256').update(journeyId).digest().readUInt32BE(0) % 100;
  return bucket < holdoutPercent;
}

/** Whether a purchase at `at` is credited to a journey last touched (or started) at `since`. */
export const isAttributed = (since: Date, at: Date, policy: LapsePolicy) =>
  at.getTime() - since.getTime() <= policy.attributionDays * DAY_MS;

export const CHURN_SURVEY_TEMPLATE = 'survey.churn_reason';
