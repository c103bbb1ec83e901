import { JEWELRY_CADENCE, templatesOf } from './domain/cadence/cadence-definition';
import { GREETING_TEMPLATES } from './domain/greetings/greeting-policy';
import { CHURN_SURVEY_TEMPLATE, WIN_BACK_JOURNEY } from './domain/lapse/lapse-policy';
import { REFERRAL_TEMPLATES } from './domain/referrals/referral-policy';
import { SURVEY_TEMPLATE } from './domain/satisfaction/dispatch-due-surveys.use-case';

/**
 * Every template key campaigns asks notifications to send: notifications ships a default
 * template for each on every channel (checked by test/integration/notification-templates).
 */
export const CAMPAIGN_TEMPLATE_KEYS: string[] = [
  ...templatesOf(JEWELRY_CADENCE),
  ...WIN_BACK_JOURNEY.flatMap((step) =>
    step.action.kind === 'message' ? [step.action.template] : [],
  ),
  SURVEY_TEMPLATE,
  CHURN_SURVEY_TEMPLATE,
  ...Object.values(GREETING_TEMPLATES),
  ...Object.values(REFERRAL_TEMPLATES),
];
