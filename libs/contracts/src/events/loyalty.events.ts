import { Type, type Static } from 'typebox';
import { envelopeSchema } from '../envelope';

export const PurchaseLine = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  quantity: Type.Integer({ minimum: 1 }),
  unitPriceFen: Type.Integer({ minimum: 0 }),
});
export type PurchaseLine = Static<typeof PurchaseLine>;

export const PurchaseRecordedData = Type.Object({
  purchaseId: Type.String(),
  memberId: Type.String(),
  storeId: Type.String(),
  receiptNumber: Type.String(),
  amountFen: Type.Integer({ minimum: 0 }),
  lines: Type.Array(PurchaseLine),
  purchasedAt: Type.String({ format: 'date-time' }),
});
export type PurchaseRecordedData = Static<typeof PurchaseRecordedData>;
export const PurchaseRecorded = envelopeSchema('purchase.recorded', PurchaseRecordedData);

export const PointsEarnedData = Type.Object({
  memberId: Type.String(),
  purchaseId: Type.String(),
  points: Type.Integer({ minimum: 0 }),
  balance: Type.Integer(),
  rule: Type.String(),
});
export type PointsEarnedData = Static<typeof PointsEarnedData>;
export const PointsEarned = envelopeSchema('points.earned', PointsEarnedData);
