import { Closed, DateOnly, LocalPeriodQuery } from '@laoke/platform';
import { Type } from 'typebox';

const NullableId = (description: string) =>
  Type.Union([Type.String(), Type.Null()], { description });
const Rate = Type.Union([Type.Number(), Type.Null()], {
  description: 'redeemed / issued, 4 decimals; null when nothing was issued',
});
const Worth = {
  points: Type.Integer(),
  valueFen: Type.Integer({ description: 'points × the brand point value, in fen' }),
};

export const LiabilityQuery = Closed({
  asOf: Type.Optional(
    DateOnly({ description: 'local day whose close is reported (default: now); not a future day' }),
  ),
});

export const LiabilityResponse = Type.Object(
  {
    asOf: Type.String({ description: 'the instant reported' }),
    pointValueFen: Type.Integer(),
    brand: Type.Object(Worth),
    franchisees: Type.Array(
      Type.Object({ franchiseeId: NullableId('null: head office'), ...Worth }),
    ),
    stores: Type.Array(
      Type.Object({
        storeId: NullableId('where the points were earned; null: not from a purchase'),
        franchiseeId: NullableId('null: head office'),
        ...Worth,
      }),
    ),
  },
  { $id: 'PointsLiability' },
);

export const ActivityQuery = Closed({
  ...LocalPeriodQuery.properties,
  interval: Type.Optional(
    Type.Enum(['day', 'week', 'month'], { description: 'length of each period (default month)' }),
  ),
});

const Activity = {
  issued: Type.Integer(),
  reversed: Type.Integer({ description: 'taken back by returns' }),
  redeemed: Type.Integer(),
  expired: Type.Integer(),
  redemptionRate: Rate,
};

export const ActivityResponse = Type.Object(
  {
    interval: Type.String(),
    items: Type.Array(
      Type.Object({
        period: Type.String({ description: 'first local day of the period' }),
        storeId: NullableId('where the points were earned or redeemed'),
        ...Activity,
      }),
    ),
    totals: Type.Object(Activity),
  },
  { $id: 'PointsActivity' },
);

export const NoQuery = Closed({});

export const TierDistributionResponse = Type.Object(
  {
    asOf: Type.String(),
    members: Type.Integer(),
    tiers: Type.Array(
      Type.Object({
        tierCode: NullableId('null: in no tier'),
        members: Type.Integer(),
        share: Type.Number({ description: 'of all members, 4 decimals' }),
      }),
    ),
  },
  { $id: 'TierDistribution' },
);

export const SettlementResponse = Type.Object(
  {
    pointValueFen: Type.Integer(),
    settlements: Type.Array(
      Type.Object({
        payerFranchiseeId: NullableId('null: head office'),
        payeeFranchiseeId: NullableId('null: head office'),
        pointsOwed: Type.Integer({ description: "earned at the payer's, redeemed at the payee's" }),
        pointsOwedBack: Type.Integer({
          description: "earned at the payee's, redeemed at the payer's",
        }),
        netPoints: Type.Integer(),
        netFen: Type.Integer(),
      }),
    ),
  },
  { $id: 'FranchiseSettlement' },
);
