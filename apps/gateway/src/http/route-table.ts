import { STAFF_ROLES, type Access, type Role, type Scope } from '../domain/roles';

/** Which service answers each public route, and who may call it. */
export type Upstream = 'members' | 'loyalty' | 'campaigns' | 'notifications';

export interface ForwardedRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  upstream: Upstream;
  /** Who may call it; a route that says nothing admits only brand admins (see accessOf). */
  access?: Access;
  /** A body passed through as a stream, never parsed here: its media types and largest size. */
  streamedBody?: { mediaTypes: string[]; maxBytes: number };
}

/** These roles, and integration keys granted the scope. */
const allow = (scope: Scope, ...roles: Role[]): Access => ({
  roles: [...roles, 'integration'],
  scope,
});

const MEMBER_READ = allow('members:read', ...STAFF_ROLES, 'pos-device');
const MEMBER_WRITE = allow(
  'members:write',
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
  'membership-officer',
  'pos-device',
);
/** Erasure, bulk import and export: the member office only. */
const MEMBER_OFFICE_READ = allow('members:read', 'brand-admin', 'membership-officer');
const MEMBER_OFFICE_WRITE = allow('members:write', 'brand-admin', 'membership-officer');
const ORGANISATION_READ = allow('organisation:read', ...STAFF_ROLES, 'pos-device');
const ORGANISATION_WRITE = allow('organisation:write', 'brand-admin');
const LOYALTY_READ = allow('loyalty:read', ...STAFF_ROLES, 'pos-device');
/** What a till does: purchases, returns, redemptions, quotes, benefit claims. */
const POS_WRITE = allow('loyalty:write', 'brand-admin', 'store-manager', 'associate', 'pos-device');
const PROGRAMME_WRITE = allow('loyalty:write', 'brand-admin');
const POINTS_ADJUSTMENT = allow('loyalty:write', 'brand-admin', 'membership-officer');
const REPORTS = allow('reports:read', 'brand-admin', 'region-manager', 'analyst');
const STORE_WORK_READ = allow(
  'campaigns:read',
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
  'membership-officer',
  'analyst',
);
const STORE_WORK_WRITE = allow(
  'campaigns:write',
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
  'membership-officer',
);
const SURVEY_RESPONSE = allow(
  'campaigns:write',
  'brand-admin',
  'store-manager',
  'associate',
  'pos-device',
);
const MEMBER_CAMPAIGNS_READ = allow('campaigns:read', ...STAFF_ROLES);
const MEMBER_NOTIFICATIONS_READ = allow('notifications:read', ...STAFF_ROLES);
const MESSAGING_READ = allow('notifications:read', 'brand-admin', 'analyst');
const MESSAGING_WRITE = allow('notifications:write', 'brand-admin');
const WECHAT_SUBSCRIPTION = allow('notifications:write', 'brand-admin', 'pos-device');
const WECHAT_QUOTA_READ = allow('notifications:read', ...STAFF_ROLES, 'pos-device');
const CAMPAIGNS_READ = allow('campaigns:read', 'brand-admin', 'region-manager', 'analyst');
const CAMPAIGNS_WRITE = allow('campaigns:write', 'brand-admin');
const CONTACT_PLAN_READ = allow(
  'campaigns:read',
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
);

/** A route that declares no access: brand admins, and integration keys with the service's scope. */
export const accessOf = (route: ForwardedRoute): Access =>
  route.access ??
  allow(`${route.upstream}:${route.method === 'GET' ? 'read' : 'write'}`, 'brand-admin');

/** Head office's member files (CSV or NDJSON), as large as the members service accepts. */
const MEMBER_FILE = {
  mediaTypes: ['text/csv', 'application/x-ndjson'],
  maxBytes: 50 * 1024 * 1024,
};

export const FORWARDED_ROUTES: ForwardedRoute[] = [
  { method: 'POST', url: '/v1/members', upstream: 'members', access: MEMBER_WRITE },
  { method: 'POST', url: '/v1/members/search', upstream: 'members', access: MEMBER_READ },
  { method: 'GET', url: '/v1/members/:memberId', upstream: 'members', access: MEMBER_READ },
  // R12: the organisation and the brand clock.
  { method: 'PUT', url: '/v1/brand', upstream: 'members', access: ORGANISATION_WRITE },
  { method: 'GET', url: '/v1/brand', upstream: 'members', access: ORGANISATION_READ },
  { method: 'GET', url: '/v1/brand/clock', upstream: 'members', access: ORGANISATION_READ },
  { method: 'PUT', url: '/v1/brand/clock', upstream: 'members', access: ORGANISATION_WRITE },
  {
    method: 'POST',
    url: '/v1/brand/clock/advance',
    upstream: 'members',
    access: ORGANISATION_WRITE,
  },
  ...['regions', 'franchisees', 'stores', 'staff'].flatMap((collection): ForwardedRoute[] => {
    const id = collection === 'staff' ? 'staffId' : `${collection.replace(/s$/, '')}Id`;
    return [
      { method: 'POST', url: `/v1/${collection}`, upstream: 'members', access: ORGANISATION_WRITE },
      { method: 'GET', url: `/v1/${collection}`, upstream: 'members', access: ORGANISATION_READ },
      {
        method: 'GET',
        url: `/v1/${collection}/:${id}`,
        upstream: 'members',
        access: ORGANISATION_READ,
      },
      {
        method: 'PUT',
        url: `/v1/${collection}/:${id}`,
        upstream: 'members',
        access: ORGANISATION_WRITE,
      },
    ];
  }),
  {
    method: 'POST',
    url: '/v1/staff/:staffId/leave',
    upstream: 'members',
    access: ORGANISATION_WRITE,
  },
  { method: 'PATCH', url: '/v1/members/:memberId', upstream: 'members', access: MEMBER_WRITE },
  {
    method: 'POST',
    url: '/v1/members/:memberId/card/reports',
    upstream: 'members',
    access: MEMBER_WRITE,
  },
  {
    method: 'POST',
    url: '/v1/members/:memberId/card/replacements',
    upstream: 'members',
    access: MEMBER_WRITE,
  },
  { method: 'GET', url: '/v1/cards/:cardNumber', upstream: 'members', access: MEMBER_READ },
  {
    method: 'PUT',
    url: '/v1/members/:memberId/consents',
    upstream: 'members',
    access: MEMBER_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/consents',
    upstream: 'members',
    access: MEMBER_READ,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/referrals',
    upstream: 'members',
    access: MEMBER_READ,
  },
  { method: 'POST', url: '/v1/purchases', upstream: 'loyalty', access: POS_WRITE },
  { method: 'GET', url: '/v1/members/:memberId/points', upstream: 'loyalty', access: LOYALTY_READ },
  {
    method: 'GET',
    url: '/v1/members/:memberId/points/ledger',
    upstream: 'loyalty',
    access: LOYALTY_READ,
  },
  {
    method: 'POST',
    url: '/v1/members/:memberId/points/adjustments',
    upstream: 'loyalty',
    access: POINTS_ADJUSTMENT,
  },
  {
    method: 'POST',
    url: '/v1/purchases/:purchaseId/returns',
    upstream: 'loyalty',
    access: POS_WRITE,
  },
  { method: 'POST', url: '/v1/rewards', upstream: 'loyalty', access: PROGRAMME_WRITE },
  { method: 'GET', url: '/v1/rewards', upstream: 'loyalty', access: LOYALTY_READ },
  { method: 'GET', url: '/v1/rewards/:rewardId', upstream: 'loyalty', access: LOYALTY_READ },
  { method: 'PATCH', url: '/v1/rewards/:rewardId', upstream: 'loyalty', access: PROGRAMME_WRITE },
  { method: 'DELETE', url: '/v1/rewards/:rewardId', upstream: 'loyalty', access: PROGRAMME_WRITE },
  { method: 'POST', url: '/v1/redemptions', upstream: 'loyalty', access: POS_WRITE },
  {
    method: 'POST',
    url: '/v1/redemptions/:redemptionId/confirm',
    upstream: 'loyalty',
    access: POS_WRITE,
  },
  {
    method: 'POST',
    url: '/v1/redemptions/:redemptionId/cancel',
    upstream: 'loyalty',
    access: POS_WRITE,
  },
  { method: 'GET', url: '/v1/members/:memberId/tier', upstream: 'loyalty', access: LOYALTY_READ },
  { method: 'GET', url: '/v1/programme', upstream: 'loyalty', access: LOYALTY_READ },
  { method: 'GET', url: '/v1/programme/templates/seed', upstream: 'loyalty', access: LOYALTY_READ },
  { method: 'POST', url: '/v1/programme/versions', upstream: 'loyalty', access: PROGRAMME_WRITE },
  { method: 'POST', url: '/v1/checkout/quote', upstream: 'loyalty', access: POS_WRITE },
  { method: 'GET', url: '/v1/reports/points-liability', upstream: 'loyalty', access: REPORTS },
  { method: 'GET', url: '/v1/reports/points-activity', upstream: 'loyalty', access: REPORTS },
  { method: 'GET', url: '/v1/reports/tier-distribution', upstream: 'loyalty', access: REPORTS },
  { method: 'GET', url: '/v1/reports/franchise-settlement', upstream: 'loyalty', access: REPORTS },
  { method: 'POST', url: '/v1/lucky-draws', upstream: 'loyalty', access: PROGRAMME_WRITE },
  { method: 'GET', url: '/v1/lucky-draws/:drawId', upstream: 'loyalty', access: LOYALTY_READ },
  {
    method: 'GET',
    url: '/v1/lucky-draws/:drawId/candidates',
    upstream: 'loyalty',
    access: LOYALTY_READ,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/benefits',
    upstream: 'loyalty',
    access: LOYALTY_READ,
  },
  {
    method: 'POST',
    url: '/v1/members/:memberId/benefits/:kind/claim',
    upstream: 'loyalty',
    access: POS_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/follow-ups',
    upstream: 'campaigns',
    access: MEMBER_CAMPAIGNS_READ,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/notifications',
    upstream: 'notifications',
    access: MEMBER_NOTIFICATIONS_READ,
  },
  {
    method: 'GET',
    url: '/v1/stores/:storeId/tasks',
    upstream: 'campaigns',
    access: STORE_WORK_READ,
  },
  {
    method: 'POST',
    url: '/v1/tasks/:taskId/completion',
    upstream: 'campaigns',
    access: STORE_WORK_WRITE,
  },
  {
    method: 'POST',
    url: '/v1/surveys/:surveyId/responses',
    upstream: 'campaigns',
    access: SURVEY_RESPONSE,
  },
  {
    method: 'GET',
    url: '/v1/stores/:storeId/cases',
    upstream: 'campaigns',
    access: STORE_WORK_READ,
  },
  { method: 'GET', url: '/v1/cases/:caseId', upstream: 'campaigns', access: STORE_WORK_READ },
  {
    method: 'POST',
    url: '/v1/cases/:caseId/transitions',
    upstream: 'campaigns',
    access: STORE_WORK_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/stores/:storeId/satisfaction',
    upstream: 'campaigns',
    access: REPORTS,
  },
  {
    method: 'POST',
    url: '/v1/members/:memberId/churn-reasons',
    upstream: 'campaigns',
    access: STORE_WORK_WRITE,
  },
  { method: 'GET', url: '/v1/churn-reasons', upstream: 'campaigns', access: REPORTS },
  { method: 'GET', url: '/v1/win-back/results', upstream: 'campaigns', access: REPORTS },
  { method: 'GET', url: '/v1/top-members', upstream: 'campaigns', access: REPORTS },
  { method: 'GET', url: '/v1/contact-plan', upstream: 'campaigns', access: CONTACT_PLAN_READ },
  { method: 'GET', url: '/v1/retention-kpis', upstream: 'campaigns', access: REPORTS },
  { method: 'GET', url: '/v1/cadence', upstream: 'campaigns', access: CAMPAIGNS_READ },
  { method: 'PUT', url: '/v1/cadence', upstream: 'campaigns', access: CAMPAIGNS_WRITE },
  { method: 'GET', url: '/v1/cadence/versions', upstream: 'campaigns', access: CAMPAIGNS_READ },
  {
    method: 'GET',
    url: '/v1/cadence/versions/:version',
    upstream: 'campaigns',
    access: CAMPAIGNS_READ,
  },
  { method: 'POST', url: '/v1/segments', upstream: 'campaigns', access: CAMPAIGNS_WRITE },
  { method: 'GET', url: '/v1/segments', upstream: 'campaigns', access: CAMPAIGNS_READ },
  { method: 'GET', url: '/v1/segments/:segmentId', upstream: 'campaigns', access: CAMPAIGNS_READ },
  { method: 'PUT', url: '/v1/segments/:segmentId', upstream: 'campaigns', access: CAMPAIGNS_WRITE },
  {
    method: 'DELETE',
    url: '/v1/segments/:segmentId',
    upstream: 'campaigns',
    access: CAMPAIGNS_WRITE,
  },
  {
    method: 'POST',
    url: '/v1/segments/:segmentId/preview',
    upstream: 'campaigns',
    access: CAMPAIGNS_READ,
  },
  { method: 'POST', url: '/v1/broadcasts', upstream: 'campaigns', access: CAMPAIGNS_WRITE },
  {
    method: 'GET',
    url: '/v1/broadcasts/:broadcastId',
    upstream: 'campaigns',
    access: CAMPAIGNS_READ,
  },
  {
    method: 'POST',
    url: '/v1/broadcasts/:broadcastId/cancel',
    upstream: 'campaigns',
    access: CAMPAIGNS_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/notifications/statistics',
    upstream: 'notifications',
    access: REPORTS,
  },
  {
    method: 'GET',
    url: '/v1/notification-policy',
    upstream: 'notifications',
    access: MESSAGING_READ,
  },
  {
    method: 'PUT',
    url: '/v1/notification-policy',
    upstream: 'notifications',
    access: MESSAGING_WRITE,
  },
  ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
    method,
    url: '/v1/notification-templates/:key/:channel/:locale',
    upstream: 'notifications' as const,
    access: method === 'GET' ? MESSAGING_READ : MESSAGING_WRITE,
  })),
  // R2: the serving associate; member search (criteria in the body, never in a URL).
  {
    method: 'PUT',
    url: '/v1/members/:memberId/serving-associate',
    upstream: 'members',
    access: MEMBER_WRITE,
  },
  { method: 'POST', url: '/v1/members/query', upstream: 'members', access: MEMBER_READ },
  {
    method: 'POST',
    url: '/v1/members/:memberId/erasure',
    upstream: 'members',
    access: MEMBER_OFFICE_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/erasure',
    upstream: 'members',
    access: MEMBER_OFFICE_READ,
  },
  // Bulk member import and export (issue 6 item 10).
  {
    method: 'POST',
    url: '/v1/member-imports',
    upstream: 'members',
    streamedBody: MEMBER_FILE,
    access: MEMBER_OFFICE_WRITE,
  },
  {
    method: 'GET',
    url: '/v1/member-imports/:importId',
    upstream: 'members',
    access: MEMBER_OFFICE_READ,
  },
  {
    method: 'GET',
    url: '/v1/member-imports/:importId/errors',
    upstream: 'members',
    access: MEMBER_OFFICE_READ,
  },
  {
    method: 'GET',
    url: '/v1/member-exports/members.csv',
    upstream: 'members',
    access: MEMBER_OFFICE_READ,
  },
  {
    method: 'POST',
    url: '/v1/wechat/subscriptions',
    upstream: 'notifications',
    access: WECHAT_SUBSCRIPTION,
  },
  {
    method: 'GET',
    url: '/v1/members/:memberId/wechat-subscriptions',
    upstream: 'notifications',
    access: WECHAT_QUOTA_READ,
  },
];
