/** R8: when to ask how a purchase went, which answer is a complaint and how fast it is handled. */
export interface SatisfactionPolicy {
  /** How long after the purchase the survey is requested. */
  surveyDelayMs: number;
  /** A score at or below this opens a complaint case. */
  lowScore: number;
  /** How long the store manager has to resolve a case before the region manager is called in. */
  caseDeadlineMs: number;
}

/** Why a member was unhappy (or left), counted in the statistics. */
export const REASON_CODES = [
  'service',
  'quality',
  'price',
  'distance',
  'competitor',
  'associate-left',
  'other',
] as const;
