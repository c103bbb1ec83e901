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
import { recordWechatEvent, wechatSignatureMatches } from '../domain/wechat-receipts.use-case';

export interface WebhookDeps extends InboundDeps {
  /** Empty: every webhook call is refused. */
  webhookSecret: string;
  /** The SMS and e-mail providers webhooks may speak for, by the names the deliveries record. */
  providers: string[];
  /** The WeChat providers whose pushed events are taken, by the same names. */
  wechatProviders: string[];
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

const WechatSignatureQuery = {
  signature: Type.String({
    maxLength: 64,
    description: 'sha1 of the sorted token, timestamp, nonce',
  }),
  timestamp: Type.String({ maxLength: 20 }),
  nonce: Type.String({ maxLength: 64 }),
  // Official accounts add the member's openid to the query; it is not used.
  openid: Type.Optional(Type.String({ maxLength: 128 })),
};

const WechatNumberOrText = Type.Union([
  Type.Integer({ minimum: -1_000_000_000, maximum: Number.MAX_SAFE_INTEGER }),
  Identifier({ maxLength: 64 }),
]);

const WechatSentEntry = Closed({
  TemplateId: Identifier({ maxLength: 128 }),
  MsgID: Type.Optional(WechatNumberOrText),
  ErrorCode: Type.Optional(WechatNumberOrText),
  ErrorStatus: Type.Optional(Text({ maxLength: 100, description: 'success, failed:user block …' })),
  // subscribe_msg_popup_event / _change_event entries, acknowledged and ignored.
  SubscribeStatusString: Type.Optional(Identifier({ maxLength: 32 })),
  PopupScene: Type.Optional(WechatNumberOrText),
});

const WechatEventBody = Closed(
  {
    ToUserName: Identifier({ maxLength: 128 }),
    FromUserName: Identifier({ maxLength: 128, description: "The member's openid" }),
    CreateTime: WechatNumberOrText,
    MsgType: Identifier({ maxLength: 32 }),
    Event: Identifier({
      maxLength: 64,
      description: 'subscribe_msg_sent_event and TEMPLATESENDJOBFINISH are taken; others ignored',
    }),
    List: Type.Optional(
      Type.Union([WechatSentEntry, Type.Array(WechatSentEntry, { minItems: 1, maxItems: 100 })]),
    ),
    MsgID: Type.Optional(WechatNumberOrText),
    Status: Type.Optional(Text({ maxLength: 100, description: 'success, failed:user block …' })),
  },
  { $id: 'WechatEvent' },
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
  const wechatSigned = (
    request: { query: unknown },
    _reply: unknown,
    done: (error?: Error) => void,
  ) => {
    const query = request.query as Record<string, unknown>;
    const [signature, timestamp, nonce] = ['signature', 'timestamp', 'nonce'].map((k) =>
      typeof query[k] === 'string' ? query[k] : '',
    ) as [string, string, string];
    if (!signature || !wechatSignatureMatches(deps.webhookSecret, { signature, timestamp, nonce }))
      return done(
        unauthorized('a valid WeChat signature (signature, timestamp, nonce) is required'),
      );
    done();
  };
  const knownProvider = (provider: string, providers = deps.providers) => {
    if (!providers.includes(provider))
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

  app.get(
    '/v1/webhooks/:provider/wechat-events',
    {
      preValidation: wechatSigned,
      schema: {
        tags: ['notifications'],
        operationId: 'verifyWechatEventUrl',
        summary: 'WeChat checks the message-push URL: a signed request is answered its echostr',
        params: ProviderParams,
        querystring: Closed({ ...WechatSignatureQuery, echostr: Identifier({ maxLength: 128 }) }),
        response: {
          200: {
            description: 'The echostr WeChat sent, as plain text',
            content: { 'text/plain': { schema: Type.String({ $id: 'WechatEchostr' }) } },
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      knownProvider(request.params.provider, deps.wechatProviders);
      return reply.type('text/plain').send(request.query.echostr);
    },
  );

  app.post(
    '/v1/webhooks/:provider/wechat-events',
    {
      preValidation: wechatSigned,
      schema: {
        tags: ['notifications'],
        operationId: 'receiveWechatEvent',
        summary:
          'WeChat pushes whether subscription or template messages reached the member (subscribe_msg_sent_event, TEMPLATESENDJOBFINISH)',
        params: ProviderParams,
        querystring: Closed(WechatSignatureQuery),
        body: WechatEventBody,
        response: {
          200: Type.Object(
            {
              reports: Type.Array(
                Type.Object({ deliveryId: Type.String(), changed: Type.Boolean() }),
                { description: 'One per message the event names; empty for an ignored event' },
              ),
            },
            { $id: 'WechatEventOutcome' },
          ),
          ...problemResponses(400, 401, 404, 422),
        },
      },
    },
    async (request) => {
      const { provider } = request.params;
      knownProvider(provider, deps.wechatProviders);
      return recordWechatEvent(deps, provider, request.body);
    },
  );
}
