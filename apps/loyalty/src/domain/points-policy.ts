import { DateTime } from 'luxon';

/** When a brand's newly credited points become spendable and when they expire. */
export interface PointsPolicy {
  /** Days after crediting before points can be spent (a return window); 0 = at once. */
  pendingDays: number;
  /** The brand's time zone: "end of the year" is the end of its local year. */
  timeZone: string;
}

/**
 * The policy of a brand. Every brand uses the service's settings today; the programme will
 * answer per brand here, and this is the only place that asks.
 */
export const pointsPolicyFor =
  (settings: PointsPolicy) =>
  (_brandId: string): PointsPolicy => ({
    pendingDays: settings.pendingDays,
    timeZone: settings.timeZone,
  });

export type PointsPolicyFor = ReturnType<typeof pointsPolicyFor>;

/** A lot credited at `at`: spendable after the pending days, expiring at the end of the next year. */
export function lotDates(policy: PointsPolicy, at: Date): { spendableFrom: Date; expiresAt: Date } {
  const local = DateTime.fromJSDate(at, { zone: policy.timeZone });
  return {
    spendableFrom: local.plus({ days: policy.pendingDays }).toJSDate(),
    expiresAt: local.plus({ years: 2 }).startOf('year').toJSDate(),
  };
}
