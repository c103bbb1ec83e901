import { timingSafeEqual } from 'node:crypto';
import {
  Closed,
  DomainError,
  Identifier,
  Text,
  problemResponses,
  unauthorized,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import { recordDeliveryReport } from '../domain/delivery-report.use-case';
import { handleInboundSms, type InboundDeps } from '../domain/inbound-opt-out.use-case';

export interface WebhookDeps extends InboundDeps {
  /** Empty: every webhook call is refused. */
  webhookSecret: string;
  /** The providers webhooks may speak for, by the names the deliveries record. */
  providers: string[];
}

const WebhookHeaders = Type.Object({
  'x-webhook-secret': Type.Optional(
    Type.String({ maxLength: 200, description: 'The shared secret configured for providers' }),
  ),
});
const ProviderParams = Closed({ provider: Identifier({ maxLength: 64 }) });

const DeliveryReportBody = Closed(
  {
    messageId: Text({ minLength: 1, maxLength: 128, description: 'The id we got when sending' }),
    status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
    reason: Type.Optional(Text({ maxLength: 300 })),
  },
  { $id: 'DeliveryReport' },
);

const InboundSmsBody = Closed(
  {
    from: Text({ minLength: 5, maxLength: 24, description: 'The replying number' }),
    text: Text({ maxLength: 500 }),
  },
  { $id: 'InboundSms' },
);

const secretMatches = (expected: string, given: string | undefined) => {
  if (!expected || given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Providers call back here: delivery reports and members' replies. */
export function registerWebhookRoutes(app: HttpApp, deps: WebhookDeps): void {
  // Before validation, so a caller without the secret learns nothing about the input.
  const preValidation = (
    request: { headers: Record<string, unknown> },
    _reply: unknown,
    done: (error?: Error) => void,
  ) => {
    const secret = request.headers['x-webhook-secret'];
    if (!secretMatches(deps.webhookSecret, typeof secret === 'string' ? secret : undefined))
      return done(unauthorized('a valid x-webhook-secret header is required'));
    done();
  };
  const knownProvider = (provider: string) => {
    if (!deps.providers.includes(provider))
      throw new DomainError('UNKNOWN_PROVIDER', `no provider is called ${provider}`, {
        kind: 'not-found',
        field: 'provider',
      });
  };

  app.post(
    '/v1/webhooks/:provider/delivery-reports',
    {
      preValidation,
      schema: {
        tags: ['notifications'],
        operationId: 'receiveDeliveryReport',
        summary: 'A provider reports whether a message reached the member',
        headers: WebhookHeaders,
        params: ProviderParams,
        body: DeliveryReportBody,
        response: {
          200: Type.Object(
            { deliveryId: Type.String(), changed: Type.Boolean() },
            { $id: 'DeliveryReportOutcome' },
          ),
          ...problemResponses(400, 401, 404, 422),
        },
      },
    },
    async (request) => {
      const { provider } = request.params;
      knownProvider(provider);
      return recordDeliveryReport(deps, { provider, ...request.body });
    },
  );

  app.post(
    '/v1/webhooks/:provider/inbound-sms',
    {
      preValidation,
      schema: {
        tags: ['notifications'],
        operationId: 'receiveInboundSms',
        summary: 'A member replied by SMS; an opt-out word opts them out of marketing SMS',
        headers: WebhookHeaders,
        params: ProviderParams,
        body: InboundSmsBody,
        response: {
          200: Type.Object(
            { optedOut: Type.Integer({ description: 'Members opted out' }) },
            { $id: 'InboundSmsOutcome' },
          ),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { provider } = request.params;
      knownProvider(provider);
      return handleInboundSms(deps, { provider, ...request.body });
    },
  );
}
