/** Which service answers each public route. The gateway adds no behaviour of its own to them. */
export type Upstream = 'members' | 'loyalty' | 'campaigns' | 'notifications';

export interface ForwardedRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  upstream: Upstream;
  /** A body passed through as a stream, never parsed here: its media types and largest size. */
  streamedBody?: { mediaTypes: string[]; maxBytes: number };
}

/** Head office's member files (CSV or NDJSON), as large as the members service accepts. */
const MEMBER_FILE = {
  mediaTypes: ['text/csv', 'application/x-ndjson'],
  maxBytes: 50 * 1024 * 1024,
};

export const FORWARDED_ROUTES: ForwardedRoute[] = [
  { method: 'POST', url: '/v1/members', upstream: 'members' },
  { method: 'POST', url: '/v1/members/search', upstream: 'members' },
  { method: 'GET', url: '/v1/members/:memberId', upstream: 'members' },
  // R12: the organisation and the brand clock.
  { method: 'PUT', url: '/v1/brand', upstream: 'members' },
  { method: 'GET', url: '/v1/brand', upstream: 'members' },
  { method: 'GET', url: '/v1/brand/clock', upstream: 'members' },
  { method: 'PUT', url: '/v1/brand/clock', upstream: 'members' },
  { method: 'POST', url: '/v1/brand/clock/advance', upstream: 'members' },
  ...['regions', 'franchisees', 'stores', 'staff'].flatMap((collection): ForwardedRoute[] => {
    const id = collection === 'staff' ? 'staffId' : `${collection.replace(/s$/, '')}Id`;
    return [
      { method: 'POST', url: `/v1/${collection}`, upstream: 'members' },
      { method: 'GET', url: `/v1/${collection}`, upstream: 'members' },
      { method: 'GET', url: `/v1/${collection}/:${id}`, upstream: 'members' },
      { method: 'PUT', url: `/v1/${collection}/:${id}`, upstream: 'members' },
    ];
  }),
  { method: 'POST', url: '/v1/staff/:staffId/leave', upstream: 'members' },
  { method: 'PATCH', url: '/v1/members/:memberId', upstream: 'members' },
  { method: 'POST', url: '/v1/members/:memberId/card/reports', upstream: 'members' },
  { method: 'POST', url: '/v1/members/:memberId/card/replacements', upstream: 'members' },
  { method: 'GET', url: '/v1/cards/:cardNumber', upstream: 'members' },
  { method: 'PUT', url: '/v1/members/:memberId/consents', upstream: 'members' },
  { method: 'GET', url: '/v1/members/:memberId/consents', upstream: 'members' },
  { method: 'GET', url: '/v1/members/:memberId/referrals', upstream: 'members' },
  { method: 'POST', url: '/v1/purchases', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/points', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/points/ledger', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/members/:memberId/points/adjustments', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/purchases/:purchaseId/returns', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/rewards', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/rewards', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/rewards/:rewardId', upstream: 'loyalty' },
  { method: 'PATCH', url: '/v1/rewards/:rewardId', upstream: 'loyalty' },
  { method: 'DELETE', url: '/v1/rewards/:rewardId', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/redemptions', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/redemptions/:redemptionId/confirm', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/redemptions/:redemptionId/cancel', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/tier', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/programme', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/programme/templates/seed', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/programme/versions', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/checkout/quote', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/reports/points-liability', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/reports/points-activity', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/reports/tier-distribution', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/reports/franchise-settlement', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/lucky-draws', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/lucky-draws/:drawId', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/lucky-draws/:drawId/candidates', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/benefits', upstream: 'loyalty' },
  { method: 'POST', url: '/v1/members/:memberId/benefits/:kind/claim', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/follow-ups', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/cadence', upstream: 'campaigns' },
  { method: 'PUT', url: '/v1/cadence', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/cadence/versions', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/cadence/versions/:version', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/members/:memberId/notifications', upstream: 'notifications' },
  { method: 'GET', url: '/v1/stores/:storeId/tasks', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/tasks/:taskId/completion', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/surveys/:surveyId/responses', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/stores/:storeId/cases', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/cases/:caseId', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/cases/:caseId/transitions', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/stores/:storeId/satisfaction', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/members/:memberId/churn-reasons', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/churn-reasons', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/win-back/results', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/top-members', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/contact-plan', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/retention-kpis', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/notifications/statistics', upstream: 'notifications' },
  { method: 'GET', url: '/v1/notification-policy', upstream: 'notifications' },
  { method: 'PUT', url: '/v1/notification-policy', upstream: 'notifications' },
  ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
    method,
    url: '/v1/notification-templates/:key/:channel/:locale',
    upstream: 'notifications' as const,
  })),
  // R2: the serving associate; member search (criteria in the body, never in a URL).
  { method: 'PUT', url: '/v1/members/:memberId/serving-associate', upstream: 'members' },
  { method: 'POST', url: '/v1/members/query', upstream: 'members' },
  { method: 'POST', url: '/v1/members/:memberId/erasure', upstream: 'members' },
  { method: 'GET', url: '/v1/members/:memberId/erasure', upstream: 'members' },
  // Bulk member import and export (issue 6 item 10).
  { method: 'POST', url: '/v1/member-imports', upstream: 'members', streamedBody: MEMBER_FILE },
  { method: 'GET', url: '/v1/member-imports/:importId', upstream: 'members' },
  { method: 'GET', url: '/v1/member-imports/:importId/errors', upstream: 'members' },
  { method: 'GET', url: '/v1/member-exports/members.csv', upstream: 'members' },
  { method: 'POST', url: '/v1/wechat/subscriptions', upstream: 'notifications' },
  { method: 'GET', url: '/v1/members/:memberId/wechat-subscriptions', upstream: 'notifications' },
  { method: 'POST', url: '/v1/segments', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/segments', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/segments/:segmentId', upstream: 'campaigns' },
  { method: 'PUT', url: '/v1/segments/:segmentId', upstream: 'campaigns' },
  { method: 'DELETE', url: '/v1/segments/:segmentId', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/segments/:segmentId/preview', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/broadcasts', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/broadcasts/:broadcastId', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/broadcasts/:broadcastId/cancel', upstream: 'campaigns' },
];
