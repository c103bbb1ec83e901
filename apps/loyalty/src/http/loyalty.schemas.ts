import {
  BrandScopeHeaders,
  Closed,
  IdempotencyKeyHeader,
  Identifier,
  Integer,
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
  unitPriceFen: Money(),
});

export const RecordPurchaseBody = Closed(
  {
    storeId: Identifier(),
    receiptNumber: Identifier(),
    memberId: Uuid(),
    amountFen: Money({ description: 'Amount paid, in fen' }),
    lines: Type.Array(PurchaseLineBody, { minItems: 1, maxItems: 200 }),
    purchasedAt: Type.Optional(
      Timestamp({ description: 'When the sale happened; defaults to now' }),
    ),
  },
  { $id: 'RecordPurchaseRequest' },
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

export const MemberParams = Closed({ memberId: Uuid() });

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
