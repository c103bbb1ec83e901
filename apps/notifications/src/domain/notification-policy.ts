import type {
  NotificationCategory,
  NotificationChannel,
  NotificationPurpose,
} from '@laoke/contracts';

/** A window in local time during which a channel × category may be sent; `to` is exclusive. */
export interface SendingWindow {
  channel?: NotificationChannel;
  category: NotificationCategory;
  from: string;
  to: string;
}

export interface FrequencyCap {
  max: number;
  windowDays: number;
}

/** How a brand's messages are routed, shaped and paced. Stored as data, per brand. */
export interface BrandPolicy {
  timeZone: string;
  sms: { signature: string; optOutText: string; dailyLimitPerNumber: number };
  /** Purpose → channels allowed, in order of preference; a purpose not listed uses defaultRoute. */
  routes: Partial<Record<NotificationPurpose, NotificationChannel[]>>;
  defaultRoute: NotificationChannel[];
  /** The first window matching a delivery's channel and category applies; none = any time. */
  sendingWindows: SendingWindow[];
  /** Per category; a category without a cap is not capped. */
  caps: Partial<Record<NotificationCategory, FrequencyCap>>;
  /** A request without a priority gets its purpose's, else 5. */
  priorities: Partial<Record<NotificationPurpose, number>>;
  /** What makes a `care` template promotional (R5): variable names and body patterns (regex). */
  promotional: { variables: string[]; patterns: string[] };
}

export type BrandPolicyOverrides = Partial<BrandPolicy>;

/** The service-wide defaults a brand's own policy is laid over. */
export interface PolicyDefaults {
  timeZone: string;
  smsSignature: string;
  smsOptOutText: string;
  smsDailyLimit: number;
}

// Chinese SMS providers reject these on promotional SMS: WeChat first, else a staff task (R9, R8).
const NEVER_PROMOTIONAL_SMS: NotificationChannel[] = ['wechat', 'staff-task'];

export function defaultPolicy(defaults: PolicyDefaults): BrandPolicy {
  return {
    timeZone: defaults.timeZone,
    sms: {
      signature: defaults.smsSignature,
      optOutText: defaults.smsOptOutText,
      dailyLimitPerNumber: defaults.smsDailyLimit,
    },
    routes: {
      'win-back': NEVER_PROMOTIONAL_SMS,
      survey: NEVER_PROMOTIONAL_SMS,
      'maintenance-invitation': NEVER_PROMOTIONAL_SMS,
    },
    defaultRoute: ['sms', 'wechat', 'email'],
    sendingWindows: [
      { channel: 'sms', category: 'marketing', from: '08:00', to: '20:00' },
      { category: 'care', from: '09:00', to: '21:00' },
    ],
    caps: { marketing: { max: 1, windowDays: 3 }, care: { max: 2, windowDays: 7 } },
    priorities: {
      'points-change': 8,
      'tier-change': 8,
      service: 8,
      birthday: 7,
      holiday: 6,
      'thank-you': 6,
      'referral-thanks': 6,
      welcome: 6,
      'follow-up': 5,
      'care-content': 3,
      broadcast: 2,
    },
    promotional: {
      variables: ['price', 'priceFen', 'coupon', 'couponCode', 'discount', 'url', 'link'],
      patterns: ['https?://', '优惠', '券', '折扣', '[¥￥]', '\\d+\\s*元'],
    },
  };
}

/** Each top-level part the brand set replaces the default part as a whole. */
export const effectivePolicy = (
  defaults: PolicyDefaults,
  overrides: BrandPolicyOverrides = {},
): BrandPolicy => ({ ...defaultPolicy(defaults), ...overrides });

export const routeFor = (policy: BrandPolicy, purpose: NotificationPurpose) =>
  policy.routes[purpose] ?? policy.defaultRoute;

export const priorityOf = (
  policy: BrandPolicy,
  purpose: NotificationPurpose,
  requested: number | undefined,
) => requested ?? policy.priorities[purpose] ?? 5;

export const windowFor = (
  policy: BrandPolicy,
  channel: NotificationChannel,
  category: NotificationCategory,
) =>
  // A staff task is work for a colleague, not a message at the member's door.
  channel === 'staff-task'
    ? undefined
    : policy.sendingWindows.find(
        (w) => w.category === category && (w.channel === undefined || w.channel === channel),
      );
