import { Type, type Static } from 'typebox';
import { Closed, Fen, Id, Points, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

export const PurchaseLine = Closed({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  /** What was paid per unit, after discounts: points are earned on it. */
  unitPriceFen: Fen,
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  listPriceFen: Type.Optional(Fen),
  onSale: Type.Optional(Type.Boolean()),
});
export type PurchaseLine = Static<typeof PurchaseLine>;

export const PurchaseRecordedData = Closed({
  purchaseId: Id,
  memberId: Id,
  storeId: Id,
  receiptNumber: Id,
  amountFen: Fen,
  lines: Type.Array(PurchaseLine, { maxItems: 200 }),
  purchasedAt: Timestamp,
});
export type PurchaseRecordedData = Static<typeof PurchaseRecordedData>;
export const PurchaseRecorded = envelopeSchema('purchase.recorded', PurchaseRecordedData);

export const PointsEarnedData = Closed({
  memberId: Id,
  purchaseId: Id,
  points: Points,
  balance: Points,
  rule: Text(64),
  /** The programme version the points were earned under (absent from older producers). */
  programmeVersion: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  basePoints: Type.Optional(Points),
  /** Tier and promotion points on top of the base. */
  bonusPoints: Type.Optional(Points),
  /** Which rules gave the points: `base`, `tier:<code>`, `promotion:<id>`. */
  rules: Type.Optional(Type.Array(Closed({ rule: Text(64), points: Points }), { maxItems: 64 })),
});
export type PointsEarnedData = Static<typeof PointsEarnedData>;
export const PointsEarned = envelopeSchema('points.earned', PointsEarnedData);

export const ReturnedLine = Closed({
  lineNumber: Type.Integer({ minimum: 1, maximum: 200 }),
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
  pointsReversed: Points,
});

export const PurchaseReturnedData = Closed({
  returnId: Id,
  purchaseId: Id,
  memberId: Id,
  storeId: Id,
  lines: Type.Array(ReturnedLine, { maxItems: 200 }),
  pointsReversed: Points,
  balance: Points,
});
export type PurchaseReturnedData = Static<typeof PurchaseReturnedData>;
export const PurchaseReturned = envelopeSchema('purchase.returned', PurchaseReturnedData);

export const PointsRedeemedData = Closed({
  memberId: Id,
  redemptionId: Id,
  rewardId: Id,
  storeId: Id,
  points: Points,
  balance: Points,
});
export const PointsRedeemed = envelopeSchema('points.redeemed', PointsRedeemedData);

export const PointsExpiredData = Closed({
  memberId: Id,
  points: Points,
  balance: Points,
  /** The latest expiry among the lots that ran out in this change. */
  expiredAt: Timestamp,
});
export const PointsExpired = envelopeSchema('points.expired', PointsExpiredData);

export const PointsAdjustedData = Closed({
  memberId: Id,
  adjustmentId: Id,
  points: Points,
  balance: Points,
  reason: Text(500),
  actor: Text(128),
});
export const PointsAdjusted = envelopeSchema('points.adjusted', PointsAdjustedData);

/** R4: a benefit a member may claim once (birthday gift, quarterly gift, member-day discount). */
export const BenefitKind = Type.Enum(['birthday-gift', 'quarterly-gift', 'member-day-discount']);
export type BenefitKind = Static<typeof BenefitKind>;

export const BenefitGrantedData = Closed({
  benefitId: Id,
  memberId: Id,
  kind: BenefitKind,
  /** The period the benefit belongs to, e.g. `2026` for a birthday, `2026-Q4`, `2026-12`. */
  period: Text(16),
  storeId: Type.Optional(Id),
  grantedAt: Timestamp,
});
export type BenefitGrantedData = Static<typeof BenefitGrantedData>;
export const BenefitGranted = envelopeSchema('benefit.granted', BenefitGrantedData);
