/** R7: how a referred member's first purchase is followed up. */
export interface ReferralPolicy {
  timeZone: string;
  /** Days after the first purchase the follow-up call is due; R7 asks for it within a week. */
  followUpDays: number;
}

export const REFERRAL_TEMPLATES = {
  thanks: 'referral.thanks',
  welcome: 'referral.welcome',
} as const;
