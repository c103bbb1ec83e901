import type { Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { surveysRepository as surveys } from '../../data/surveys.repository';

/** R8: every purchase is followed by one satisfaction survey, `delayMs` after it was made. */
export async function scheduleSurvey(
  trx: Transaction,
  purchase: {
    brandId: string;
    memberId: string;
    storeId: string;
    purchaseId: string;
    purchasedAt: Date;
  },
  delayMs: number,
): Promise<void> {
  await surveys.insertOnce(trx, {
    id: uuidv7(),
    brandId: purchase.brandId,
    memberId: purchase.memberId,
    storeId: purchase.storeId,
    purchaseId: purchase.purchaseId,
    dueAt: new Date(purchase.purchasedAt.getTime() + delayMs),
  });
}
