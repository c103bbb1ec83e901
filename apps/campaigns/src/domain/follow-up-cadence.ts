import type { NotificationPurpose } from '@laoke/contracts';
import { DateTime, type DurationLikeObject } from 'luxon';
import {
  JEWELRY_CADENCE,
  type CadenceAction,
  type CadenceDefinition,
  type CadenceStep,
  type CadenceUnit,
} from './cadence/cadence-definition';

/**
 * R6: when each occurrence of a cadence step falls due. Days, weeks and months are counted on
 * the calendar of the member's time zone from the purchase's local date, so "day 3 at 10:00"
 * is 10:00 where the member lives; a step without a local hour is due at the purchase itself.
 */
export interface PlannedFollowUp {
  step: string;
  occurrence: number;
  template: string;
  action: CadenceAction['kind'];
  purpose: NotificationPurpose | null;
  /** 0 only for a step due on the purchase itself (the thank-you of R6.1/R6.2). */
  afterDays: number;
  dueAt: Date;
}

const span = (amount: number, unit: CadenceUnit): DurationLikeObject => ({ [unit]: amount });

const localOf = (at: Date, timeZone: string): DateTime => {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${timeZone}`);
  return local;
};

/** The n-th occurrence (1-based) of a step, or undefined once its repeat has ended. */
export function occurrenceOf(
  step: CadenceStep,
  occurrence: number,
  purchasedAt: Date,
  timeZone: string,
): PlannedFollowUp | undefined {
  const { repeat } = step;
  if (occurrence > 1 && (!repeat || occurrence > (repeat.count ?? Infinity))) return undefined;
  const local = localOf(purchasedAt, timeZone);
  let due = local.plus(span(step.at.offset, step.at.unit));
  if (repeat && occurrence > 1) due = due.plus(span(repeat.every * (occurrence - 1), repeat.unit));
  if (repeat?.endAfter && due > local.plus(span(repeat.endAfter.offset, repeat.endAfter.unit))) {
    return undefined;
  }
  const afterDays = Math.round(due.startOf('day').diff(local.startOf('day'), 'days').days);
  const { action } = step;
  return {
    step: step.step,
    occurrence,
    template:
      action.kind === 'message'
        ? (action.templates[(occurrence - 1) % action.templates.length] ?? '')
        : action.taskKind,
    action: action.kind,
    purpose: action.kind === 'message' ? action.purpose : null,
    afterDays,
    dueAt:
      step.sendAtLocalHour === undefined
        ? due.toJSDate()
        : due
            .set({ hour: step.sendAtLocalHour, minute: 0, second: 0, millisecond: 0 })
            .toUTC()
            .toJSDate(),
  };
}

/** The first occurrence of every step of the cadence. */
export function planFollowUps(
  purchasedAt: Date,
  timeZone: string,
  cadence: CadenceDefinition = JEWELRY_CADENCE,
): PlannedFollowUp[] {
  localOf(purchasedAt, timeZone);
  return cadence.steps.flatMap((step) => occurrenceOf(step, 1, purchasedAt, timeZone) ?? []);
}

/** The first occurrence of a step due after `now`, for a repeating step whose earlier ones passed. */
export function nextOccurrenceAfter(
  step: CadenceStep,
  now: Date,
  purchasedAt: Date,
  timeZone: string,
): PlannedFollowUp | undefined {
  // A repeat always has a count (at most 100) or an end, so this ends.
  for (let n = 2; ; n += 1) {
    const next = occurrenceOf(step, n, purchasedAt, timeZone);
    if (!next || next.dueAt > now) return next;
  }
}
