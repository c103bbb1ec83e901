import type { NotificationPurpose } from '@laoke/contracts';
import { DateTime } from 'luxon';

/**
 * R6, the 0-3-3-3 cadence: thank-you on the purchase day, a follow-up on day 3, useful content
 * after 3 weeks and a free-cleaning invitation after 3 months. Brands may configure other steps.
 */
export interface CadenceStep {
  step: string;
  template: string;
  purpose: NotificationPurpose;
  afterDays: number;
  /** Local time of day the step is sent; absent means "as soon as the purchase is known". */
  sendAtLocalHour?: number;
}

export const JEWELRY_CADENCE: CadenceStep[] = [
  { step: 'day-0-thank-you', template: 'purchase.thank_you', purpose: 'thank-you', afterDays: 0 },
  {
    step: 'day-3-follow-up',
    template: 'purchase.day3_follow_up',
    purpose: 'follow-up',
    afterDays: 3,
    sendAtLocalHour: 10,
  },
  {
    step: 'week-3-care-tips',
    template: 'care.tips',
    purpose: 'care-content',
    afterDays: 21,
    sendAtLocalHour: 10,
  },
  {
    step: 'month-3-cleaning-invitation',
    template: 'care.cleaning_invitation',
    purpose: 'maintenance-invitation',
    afterDays: 90,
    sendAtLocalHour: 10,
  },
];

/** The purpose a step's message is sent for; a step no longer in the cadence is a follow-up. */
export const purposeOfStep = (step: string): NotificationPurpose =>
  JEWELRY_CADENCE.find((s) => s.step === step)?.purpose ?? 'follow-up';

export interface PlannedFollowUp {
  step: string;
  template: string;
  afterDays: number;
  dueAt: Date;
}

/** When each step falls due, counted in calendar days in the brand's time zone. */
export function planFollowUps(
  purchasedAt: Date,
  timeZone: string,
  cadence = JEWELRY_CADENCE,
): PlannedFollowUp[] {
  const local = DateTime.fromJSDate(purchasedAt, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`invalid time zone ${timeZone}`);
  return cadence.map(({ step, template, afterDays, sendAtLocalHour }) => ({
    step,
    template,
    afterDays,
    dueAt:
      sendAtLocalHour === undefined
        ? purchasedAt
        : local
            .plus({ days: afterDays })
            .set({ hour: sendAtLocalHour, minute: 0, second: 0, millisecond: 0 })
            .toUTC()
            .toJSDate(),
  }));
}
