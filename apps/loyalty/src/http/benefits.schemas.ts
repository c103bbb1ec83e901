import { Closed, Identifier, Uuid } from '@laoke/platform';
import { Type } from 'typebox';

const Kind = Type.Union(
  [
    Type.Literal('birthday-gift'),
    Type.Literal('quarterly-gift'),
    Type.Literal('member-day-discount'),
  ],
  { description: 'birthday-gift, quarterly-gift or member-day-discount' },
);

export const BenefitParams = Closed({ memberId: Uuid(), kind: Kind });

export const ClaimBenefitBody = Closed(
  { storeId: Identifier({ description: 'The store handing the benefit over' }) },
  { $id: 'ClaimBenefit' },
);

const NullableTimestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const EntitlementResponse = Type.Object(
  {
    kind: Kind,
    period: Type.String({
      description: '`2026` (birthday), `2026-Q1` (quarter), `2026-03` (month)',
    }),
    status: Type.Union(
      [
        Type.Literal('available'),
        Type.Literal('claimed'),
        Type.Literal('not-earned'),
        Type.Literal('withdrawn'),
        Type.Literal('not-today'),
      ],
      {
        description:
          'not-earned: no birthday purchase this year; withdrawn: that purchase was returned; not-today: the member day is availableOn',
      },
    ),
    benefitId: Type.Union([Type.String(), Type.Null()]),
    grantedAt: NullableTimestamp,
    claimedAt: NullableTimestamp,
    claimedStoreId: Type.Union([Type.String(), Type.Null()]),
    discountBp: Type.Optional(Type.Integer()),
    availableOn: Type.Optional(Type.String({ format: 'date' })),
  },
  { $id: 'BenefitEntitlement' },
);

export const MemberBenefitsResponse = Type.Object(
  {
    memberId: Type.String(),
    programmeVersion: Type.Integer(),
    asOf: Type.String({ format: 'date-time' }),
    benefits: Type.Array(EntitlementResponse),
  },
  { $id: 'MemberBenefits' },
);

export const BenefitClaimResponse = Type.Object(
  {
    benefitId: Type.String(),
    memberId: Type.String(),
    kind: Kind,
    period: Type.String(),
    storeId: Type.String(),
    claimedAt: Type.String({ format: 'date-time' }),
    discountBp: Type.Optional(Type.Integer()),
  },
  { $id: 'BenefitClaim' },
);
