import { NotificationCategory, NotificationChannel, NotificationPurpose } from '@laoke/contracts';
import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  Integer,
  Text,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import {
  brandPolicy,
  saveBrandPolicy,
  type BrandPolicyDeps,
} from '../domain/brand-policy.use-case';
import type { BrandPolicyOverrides } from '../domain/notification-policy';

const Channels = Type.Array(NotificationChannel, { minItems: 1, maxItems: 4, uniqueItems: true });
const LocalTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm' });
const Cap = Closed({
  max: Integer({ minimum: 1, maximum: 100 }),
  windowDays: Integer({ minimum: 1, maximum: 365 }),
});
const purposes = NotificationPurpose.enum as readonly string[];
const perPurpose = <T extends Parameters<typeof Type.Optional>[0]>(value: T) =>
  Closed(Object.fromEntries(purposes.map((p) => [p, Type.Optional(value)])));

const PolicyParts = {
  timeZone: Text({ maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
  sms: Closed({
    signature: Text({ maxLength: 20, description: 'e.g. 【金缘珠宝】' }),
    optOutText: Text({ maxLength: 40, description: 'e.g. 拒收请回复R' }),
    dailyLimitPerNumber: Integer({ minimum: 1, maximum: 1000 }),
  }),
  routes: perPurpose(Channels),
  defaultRoute: Channels,
  sendingWindows: Type.Array(
    Closed({
      channel: Type.Optional(NotificationChannel),
      category: NotificationCategory,
      from: LocalTime,
      to: LocalTime,
    }),
    { maxItems: 20 },
  ),
  caps: Closed({
    transactional: Type.Optional(Cap),
    care: Type.Optional(Cap),
    marketing: Type.Optional(Cap),
  }),
  priorities: perPurpose(Integer({ minimum: 0, maximum: 9 })),
  promotional: Closed({
    variables: Type.Array(Identifier({ maxLength: 64 }), { maxItems: 50 }),
    patterns: Type.Array(Text({ maxLength: 200 }), { maxItems: 50 }),
  }),
};

const SavePolicyBody = Closed(
  Object.fromEntries(Object.entries(PolicyParts).map(([k, v]) => [k, Type.Optional(v)])),
  {
    $id: 'SaveNotificationPolicyRequest',
    description:
      'Each part given replaces the default part as a whole; parts left out follow the defaults',
  },
);

const PolicyResponse = Type.Object(PolicyParts, {
  $id: 'NotificationPolicy',
  additionalProperties: true,
});

export function registerBrandPolicyRoutes(app: HttpApp, deps: BrandPolicyDeps): void {
  app.get(
    '/v1/notification-policy',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'getNotificationPolicy',
        summary:
          "The brand's messaging policy in force: routing by purpose, sending windows, caps, priorities, SMS rules",
        headers: BrandScopeHeaders,
        response: { 200: PolicyResponse, ...problemResponses(400) },
      },
    },
    (request) => brandPolicy(deps, request.headers['x-laoke-brand-id']),
  );

  app.put(
    '/v1/notification-policy',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'saveNotificationPolicy',
        summary:
          "Sets the brand's own messaging policy; applies to every request decided from now on",
        headers: BrandScopeHeaders,
        body: SavePolicyBody,
        response: { 200: PolicyResponse, ...problemResponses(400) },
      },
    },
    (request) =>
      saveBrandPolicy(
        deps,
        request.headers['x-laoke-brand-id'],
        request.body as BrandPolicyOverrides,
      ),
  );
}
