import {
  BrandScopeHeaders,
  Closed,
  IdempotencyKeyHeader,
  Identifier,
  Integer,
  Mobile,
  Money,
  Text,
  Timestamp,
  Uuid,
} from '@laoke/platform';
import { Type } from 'typebox';

export const IdempotencyHeaders = Type.Object({
  ...BrandScopeHeaders.properties,
  ...IdempotencyKeyHeader,
});

export const PurchaseLineBody = Closed({
  sku: Identifier(),
  name: Text({ maxLength: 200 }),
  quantity: Integer({ minimum: 1, maximum: 10_000 }),
  unitPriceFen: Money({
    description: 'Paid per unit after discounts, in fen; points are earned on it',
  }),
  category: Type.Optional(Identifier()),
  listPriceFen: Type.Optional(Money({ description: 'List price per unit, in fen' })),
  onSale: Type.Optional(Type.Boolean({ description: 'Sold at a sale price; default false' })),
});

export const RecordPurchaseBody = Closed(
  {
    storeId: Identifier(),
    receiptNumber: Identifier(),
    memberId: Type.Optional(Uuid({ description: 'Exactly one of memberId, cardNumber, mobile' })),
    cardNumber: Type.Optional(Identifier({ maxLength: 32 })),
    mobile: Type.Optional(Mobile()),
    amountFen: Type.Optional(
      Money({ description: 'Amount paid, in fen; if sent, must equal the sum of the lines' }),
    ),
    lines: Type.Array(PurchaseLineBody, { minItems: 1, maxItems: 200 }),
    purchasedAt: Type.Optional(
      Timestamp({ description: 'When the sale happened; defaults to now' }),
    ),
  },
  { $id: 'RecordPurchaseRequest' },
);

const AppliedRuleResponse = Type.Object({
  rule: Type.String({ description: '`base`, `tier:<code>` or `promotion:<id>`' }),
  points: Type.Integer(),
  explanation: Type.Optional(Type.String()),
});

export const RecordedPurchaseResponse = Type.Object(
  {
    purchaseId: Type.String(),
    storeId: Type.String(),
    receiptNumber: Type.String(),
    memberId: Type.String(),
    amountFen: Type.Integer(),
    pointsEarned: Type.Integer(),
    pointsBalance: Type.Integer(),
    lines: Type.Array(
      Type.Object({
        lineNumber: Type.Integer(),
        sku: Type.String(),
        quantity: Type.Integer(),
        pointsEarned: Type.Integer({ description: 'Base points plus bonusPoints' }),
        bonusPoints: Type.Optional(
          Type.Integer({ description: "The line's share of tier and promotion bonus" }),
        ),
      }),
    ),
    programmeVersion: Type.Optional(
      Type.Integer({ description: 'The programme in force when the sale happened' }),
    ),
    rules: Type.Optional(Type.Array(AppliedRuleResponse)),
    purchasedAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RecordedPurchase' },
);

export const MemberParams = Closed({ memberId: Uuid() });

export const LedgerEntryResponse = Type.Object(
  {
    entryId: Type.String(),
    kind: Type.String({ description: 'earn, redeem, expire, adjust or reverse' }),
    delta: Type.Integer({ description: 'Points added (positive) or taken (negative)' }),
    balanceAfter: Type.Integer(),
    reason: Type.String(),
    purchaseId: Type.Union([Type.String(), Type.Null()]),
    rules: Type.Optional(
      Type.Array(AppliedRuleResponse, {
        description: 'The rules that gave the points (base, tier, promotions)',
      }),
    ),
    programmeVersion: Type.Optional(
      Type.Integer({ description: 'The programme version the points were earned under' }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PointsLedgerEntry' },
);

export const PointsBalanceResponse = Type.Object(
  {
    memberId: Type.String(),
    balance: Type.Integer({ description: 'Negative when returned points had been spent' }),
    spendable: Type.Integer({ description: 'Spendable now: not pending, expired or held' }),
    held: Type.Integer({ description: 'Held by redemptions not yet confirmed' }),
    lifetimeEarned: Type.Integer(),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'PointsBalance' },
);

export const PurchaseParams = Closed({ purchaseId: Uuid() });

export const ReturnPurchaseBody = Closed(
  {
    lines: Type.Optional(
      Type.Array(
        Closed({
          lineNumber: Integer({ minimum: 1, maximum: 200 }),
          quantity: Integer({ minimum: 1, maximum: 10_000 }),
        }),
        { minItems: 1, maxItems: 200 },
      ),
    ),
  },
  {
    $id: 'ReturnPurchaseRequest',
    description: 'Lines brought back; no lines = the whole purchase',
  },
);

export const RecordedReturnResponse = Type.Object(
  {
    returnId: Type.String(),
    purchaseId: Type.String(),
    lines: Type.Array(
      Type.Object({
        lineNumber: Type.Integer(),
        sku: Type.String(),
        quantity: Type.Integer(),
        pointsReversed: Type.Integer(),
      }),
    ),
    pointsReversed: Type.Integer(),
    pointsBalance: Type.Integer({ description: 'May be negative: points already spent are owed' }),
    returnedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RecordedReturn' },
);

const Points = (description: string) => Integer({ minimum: 1, maximum: 10_000_000, description });

const RewardProperties = {
  name: Text({ maxLength: 200 }),
  pointsCost: Points('Points a redemption costs'),
  listPriceCapFen: Type.Optional(
    Type.Union([Money({ description: 'Highest list price of the item, in fen' }), Type.Null()]),
  ),
  nonSaleOnly: Type.Optional(Type.Boolean({ description: 'Only items not on sale' })),
  validFrom: Type.Optional(Timestamp()),
  validUntil: Type.Optional(Type.Union([Timestamp(), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
  stock: Type.Optional(
    Type.Array(
      Closed({ storeId: Identifier(), quantity: Integer({ minimum: 0, maximum: 1_000_000 }) }),
      { maxItems: 500, description: 'Per store; a reward without stock is unlimited' },
    ),
  ),
};

export const CreateRewardBody = Closed(RewardProperties, { $id: 'CreateRewardRequest' });

export const UpdateRewardBody = Closed(
  {
    name: Type.Optional(RewardProperties.name),
    pointsCost: Type.Optional(RewardProperties.pointsCost),
    listPriceCapFen: RewardProperties.listPriceCapFen,
    nonSaleOnly: RewardProperties.nonSaleOnly,
    validFrom: RewardProperties.validFrom,
    validUntil: RewardProperties.validUntil,
    active: RewardProperties.active,
    stock: RewardProperties.stock,
  },
  { $id: 'UpdateRewardRequest' },
);

export const RewardParams = Closed({ rewardId: Uuid() });

export const RewardResponse = Type.Object(
  {
    rewardId: Type.String(),
    name: Type.String(),
    pointsCost: Type.Integer(),
    listPriceCapFen: Type.Union([Type.Integer(), Type.Null()]),
    nonSaleOnly: Type.Boolean(),
    validFrom: Type.String({ format: 'date-time' }),
    validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    active: Type.Boolean(),
    stock: Type.Array(Type.Object({ storeId: Type.String(), remaining: Type.Integer() })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Reward' },
);

export const ReserveRedemptionBody = Closed(
  {
    memberId: Uuid(),
    rewardId: Uuid(),
    storeId: Identifier(),
    item: Closed({
      sku: Identifier(),
      listPriceFen: Money(),
      onSale: Type.Boolean(),
    }),
  },
  { $id: 'ReserveRedemptionRequest' },
);

export const RedemptionParams = Closed({ redemptionId: Uuid() });

export const RedemptionResponse = Type.Object(
  {
    redemptionId: Type.String(),
    memberId: Type.String(),
    rewardId: Type.String(),
    storeId: Type.String(),
    points: Type.Integer(),
    status: Type.Union([
      Type.Literal('reserved'),
      Type.Literal('confirmed'),
      Type.Literal('cancelled'),
      Type.Literal('expired'),
    ]),
    holdUntil: Type.String({ format: 'date-time' }),
    spendableBalance: Type.Integer(),
  },
  { $id: 'Redemption' },
);

export const AdjustPointsBody = Closed(
  {
    points: Integer({
      minimum: -10_000_000,
      maximum: 10_000_000,
      description: 'Points added (positive) or taken (negative); not 0',
    }),
    reason: Text({ maxLength: 500 }),
    actor: Identifier({ maxLength: 128, description: 'Head-office user who made the change' }),
  },
  { $id: 'AdjustPointsRequest' },
);

export const RecordedAdjustmentResponse = Type.Object(
  {
    adjustmentId: Type.String(),
    memberId: Type.String(),
    points: Type.Integer(),
    reason: Type.String(),
    actor: Type.String(),
    pointsBalance: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RecordedAdjustment' },
);
