import { PurchaseLine } from '@laoke/contracts';
import { Type } from 'typebox';

export const IdempotencyHeaders = Type.Object({
  'x-laoke-brand-id': Type.String({ minLength: 1, maxLength: 64 }),
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 128,
    description: 'Unique per sale attempt; a retry with the same key returns the first result',
  }),
});

export const RecordPurchaseBody = Type.Object(
  {
    storeId: Type.String({ minLength: 1, maxLength: 64 }),
    receiptNumber: Type.String({ minLength: 1, maxLength: 64 }),
    memberId: Type.String({ format: 'uuid' }),
    amountFen: Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000_00,
      description: 'Amount paid, in fen',
    }),
    lines: Type.Array(PurchaseLine, { minItems: 1, maxItems: 200 }),
    purchasedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'Defaults to now' }),
    ),
  },
  { $id: 'RecordPurchaseRequest', additionalProperties: false },
);

export const RecordedPurchaseResponse = Type.Object(
  {
    purchaseId: Type.String(),
    storeId: Type.String(),
    receiptNumber: Type.String(),
    memberId: Type.String(),
    amountFen: Type.Integer(),
    pointsEarned: Type.Integer(),
    pointsBalance: Type.Integer(),
    purchasedAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'RecordedPurchase' },
);

export const MemberParams = Type.Object({ memberId: Type.String({ format: 'uuid' }) });

export const LedgerEntryResponse = Type.Object(
  {
    entryId: Type.String(),
    delta: Type.Integer({ description: 'Points added (positive) or taken (negative)' }),
    balanceAfter: Type.Integer(),
    reason: Type.String(),
    purchaseId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'PointsLedgerEntry' },
);

export const PointsBalanceResponse = Type.Object(
  {
    memberId: Type.String(),
    balance: Type.Integer(),
    lifetimeEarned: Type.Integer(),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'PointsBalance' },
);
