import { Closed, Identifier, Integer, MAX_MONEY_FEN, Timestamp, Uuid } from '@laoke/platform';
import { Type } from 'typebox';
import { ProgrammeDefinition } from '../domain/programme/programme-definition';

export const PublishProgrammeBody = Closed(
  {
    effectiveFrom: Type.Optional(
      Timestamp({
        description: 'When the version takes effect; defaults to now, never in the past',
      }),
    ),
    definition: ProgrammeDefinition,
  },
  { $id: 'PublishProgrammeRequest' },
);

/**
 * The definition as a response: input formats and patterns only constrain what comes in, and
 * the response serializer does not know them.
 */
const DefinitionView = JSON.parse(
  JSON.stringify(Type.Object(ProgrammeDefinition.properties), (key, value: unknown) =>
    key === 'format' || key === 'pattern' ? undefined : value,
  ),
) as ReturnType<typeof Type.Object<typeof ProgrammeDefinition.properties>>;

export const ProgrammeResponse = Type.Object(
  {
    version: Type.Integer({
      description: '0 is the built-in default of a brand that published none',
    }),
    source: Type.Union([Type.Literal('published'), Type.Literal('built-in')]),
    effectiveFrom: Type.String({ format: 'date-time' }),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    pointsPolicy: Type.String(),
    definition: DefinitionView,
  },
  { $id: 'Programme' },
);

export const ProgrammeQuery = Closed({
  storeId: Type.Optional(
    Identifier({ description: 'The programme as this store runs it (its allowed overrides)' }),
  ),
});

export const ProgrammeTemplateResponse = Type.Object(
  { name: Type.String(), definition: DefinitionView },
  { $id: 'ProgrammeTemplate' },
);

const TierView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  discountBp: Type.Integer(),
  pointsMultiplierBp: Type.Integer(),
  benefits: Type.Array(Type.String()),
});
const Target = Type.Object({
  tier: Type.String(),
  required: Type.Integer(),
  progress: Type.Integer(),
  remaining: Type.Integer({ description: 'Still to spend (fen) or buy (purchases)' }),
  by: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const TierStatusResponse = Type.Object(
  {
    memberId: Type.String(),
    programmeVersion: Type.Integer(),
    metric: Type.String(),
    window: Type.String(),
    tier: Type.Union([TierView, Type.Null()]),
    since: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    progress: Type.Integer({ description: 'Spend (fen) or purchases in the current window' }),
    keep: Type.Union([Target, Type.Null()]),
    next: Type.Union([Target, Type.Null()]),
  },
  { $id: 'TierStatus' },
);

export const CheckoutQuoteBody = Closed(
  {
    memberId: Uuid(),
    storeId: Identifier(),
    lines: Type.Array(
      Closed({
        sku: Identifier(),
        category: Type.Optional(Identifier()),
        quantity: Integer({ minimum: 1, maximum: 10_000 }),
        unitPriceFen: Integer({ minimum: 0, maximum: MAX_MONEY_FEN / 10_000 }),
        onSale: Type.Optional(Type.Boolean()),
      }),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { $id: 'CheckoutQuoteRequest' },
);

const RuleView = Type.Object({
  rule: Type.String(),
  points: Type.Integer(),
  explanation: Type.String(),
});

export const CheckoutQuoteResponse = Type.Object(
  {
    programmeVersion: Type.Integer(),
    tier: Type.Union([
      Type.Object({ code: Type.String(), name: Type.String(), discountBp: Type.Integer() }),
      Type.Null(),
    ]),
    memberDay: Type.Boolean(),
    listFen: Type.Integer(),
    tierDiscountFen: Type.Integer(),
    memberDayDiscountFen: Type.Integer(),
    payableFen: Type.Integer(),
    lines: Type.Array(
      Type.Object({
        sku: Type.String(),
        listFen: Type.Integer(),
        tierDiscountFen: Type.Integer(),
        memberDayDiscountFen: Type.Integer(),
        payableFen: Type.Integer(),
      }),
    ),
    points: Type.Object({
      programmeVersion: Type.Integer(),
      basePoints: Type.Integer(),
      bonusPoints: Type.Integer(),
      totalPoints: Type.Integer(),
      lines: Type.Array(
        Type.Object({
          sku: Type.String(),
          basePoints: Type.Integer(),
          bonusPoints: Type.Integer(),
          bonuses: Type.Array(Type.Object({ rule: Type.String(), points: Type.Integer() })),
        }),
      ),
      rules: Type.Array(RuleView),
      notApplied: Type.Array(Type.Object({ rule: Type.String(), reason: Type.String() })),
    }),
  },
  { $id: 'CheckoutQuote' },
);
