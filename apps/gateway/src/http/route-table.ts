/** Which service answers each public route. The gateway adds no behaviour of its own to them. */
export type Upstream = 'members' | 'loyalty' | 'campaigns' | 'notifications';

export interface ForwardedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  upstream: Upstream;
}

export const FORWARDED_ROUTES: ForwardedRoute[] = [
  { method: 'POST', url: '/v1/members', upstream: 'members' },
  { method: 'POST', url: '/v1/members/search', upstream: 'members' },
  { method: 'GET', url: '/v1/members/:memberId', upstream: 'members' },
  { method: 'POST', url: '/v1/purchases', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/points', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/points/ledger', upstream: 'loyalty' },
  { method: 'GET', url: '/v1/members/:memberId/follow-ups', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/members/:memberId/notifications', upstream: 'notifications' },
  { method: 'GET', url: '/v1/stores/:storeId/tasks', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/tasks/:taskId/completion', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/surveys/:surveyId/responses', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/stores/:storeId/cases', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/cases/:caseId', upstream: 'campaigns' },
  { method: 'POST', url: '/v1/cases/:caseId/transitions', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/stores/:storeId/satisfaction', upstream: 'campaigns' },
  { method: 'GET', url: '/v1/notifications/statistics', upstream: 'notifications' },
  { method: 'GET', url: '/v1/notification-policy', upstream: 'notifications' },
  { method: 'PUT', url: '/v1/notification-policy', upstream: 'notifications' },
  ...(['GET', 'PUT', 'DELETE'] as const).map((method) => ({
    method,
    url: '/v1/notification-templates/:key/:channel/:locale',
    upstream: 'notifications' as const,
  })),
];
