import { NotificationCategory, NotificationChannel } from '@laoke/contracts';
import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  Text,
  problemResponses,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { Template } from '../data/templates.repository';
import {
  findTemplate,
  removeTemplate,
  saveTemplate,
  type TemplatesDeps,
} from '../domain/templates.use-case';

const TemplateParams = Closed({
  key: Identifier({ description: 'e.g. purchase.thank_you' }),
  channel: NotificationChannel,
  locale: Type.Enum(['zh-CN', 'zh-TW', 'en']),
});

const TemplateVariable = Closed({
  name: Identifier({ maxLength: 64 }),
  description: Type.Optional(Text({ maxLength: 200 })),
});

const SaveTemplateBody = Closed(
  {
    category: NotificationCategory,
    body: Text({
      maxLength: 2000,
      description:
        'LiquidJS; every variable it reads is declared in variables (memberName is always given)',
    }),
    variables: Type.Array(TemplateVariable, { maxItems: 20 }),
  },
  { $id: 'SaveNotificationTemplateRequest' },
);

const TemplateResponse = Type.Object(
  {
    key: Type.String(),
    channel: Type.String(),
    locale: Type.String(),
    category: Type.String(),
    body: Type.String(),
    variables: Type.Array(
      Type.Object({ name: Type.String(), description: Type.Optional(Type.String()) }),
    ),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'NotificationTemplate' },
);

const present = (t: Template) => ({
  key: t.key,
  channel: t.channel,
  locale: t.locale,
  category: t.category,
  body: t.body,
  variables: t.variables,
  updatedAt: t.updatedAt?.toISOString() ?? null,
});

const path = '/v1/notification-templates/:key/:channel/:locale';

/** A brand's own templates; the brand-neutral defaults stay behind them for any key it lacks. */
export function registerTemplateRoutes(app: HttpApp, deps: TemplatesDeps): void {
  app.put(
    path,
    {
      schema: {
        tags: ['notifications'],
        operationId: 'saveNotificationTemplate',
        summary: "Creates or replaces one of the brand's templates",
        description:
          'A care template that uses a promotional variable or pattern of the brand (prices, coupon codes, links) is refused with 422 CARE_TEMPLATE_PROMOTES (R5).',
        headers: BrandScopeHeaders,
        params: TemplateParams,
        body: SaveTemplateBody,
        response: {
          200: TemplateResponse,
          201: TemplateResponse,
          ...problemResponses(400, 422),
        },
      },
    },
    async (request, reply) => {
      const { template, created } = await saveTemplate(
        deps,
        request.headers['x-laoke-brand-id'],
        request.params,
        request.body,
      );
      return reply.status(created ? 201 : 200).send(present(template));
    },
  );

  app.get(
    path,
    {
      schema: {
        tags: ['notifications'],
        operationId: 'getNotificationTemplate',
        summary: "One of the brand's templates",
        headers: BrandScopeHeaders,
        params: TemplateParams,
        response: { 200: TemplateResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(await findTemplate(deps, request.headers['x-laoke-brand-id'], request.params)),
  );

  app.delete(
    path,
    {
      schema: {
        tags: ['notifications'],
        operationId: 'deleteNotificationTemplate',
        summary:
          "Removes one of the brand's templates and answers it; the default one, if any, applies again",
        headers: BrandScopeHeaders,
        params: TemplateParams,
        response: { 200: TemplateResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      present(await removeTemplate(deps, request.headers['x-laoke-brand-id'], request.params)),
  );
}
