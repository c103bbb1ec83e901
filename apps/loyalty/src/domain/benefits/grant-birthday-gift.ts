import { createEvent } from '@laoke/contracts';
import { appendToOutbox, type Transaction } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { benefitsRepository as benefits } from '../../data/benefits.repository';
import { projectedFacts } from '../programme/programme-member';
import type { Programme } from '../programme/programme-definition';
import { isBirthday, localTime } from '../programme/promotion-conditions';
import { birthdayGiftPeriod } from './benefit-calendar';

/**
 * R4 "a birthday purchase of any amount earns a birthday gift": in the purchase's transaction,
 * a sale on the member's birthday (the programme's calendar, at the time of the sale) grants
 * the gift if the programme offers it, once a year however many purchases that day.
 */
export async function grantBirthdayGift(
  trx: Transaction,
  { definition }: Programme,
  sale: {
    brandId: string;
    memberId: string;
    storeId: string;
    purchaseId: string;
    purchasedAt: Date;
    now: Date;
    correlationId: string;
  },
): Promise<void> {
  if (!definition.gifts?.birthdayPurchase) return;
  const { birthday } = await projectedFacts(trx, sale.brandId, sale.memberId, sale.purchasedAt);
  const local = localTime(sale.purchasedAt, definition.timeZone);
  if (!birthday || !isBirthday(birthday, local)) return;

  const benefitId = uuidv7();
  const period = birthdayGiftPeriod(local);
  const granted = await benefits.grant(trx, {
    id: benefitId,
    brandId: sale.brandId,
    memberId: sale.memberId,
    kind: 'birthday-gift',
    period,
    status: 'available',
    purchaseId: sale.purchaseId,
    storeId: sale.storeId,
    at: sale.now,
  });
  if (!granted) return;
  await appendToOutbox(trx, [
    createEvent({
      type: 'benefit.granted',
      brandId: sale.brandId,
      storeId: sale.storeId,
      memberId: sale.memberId,
      correlationId: sale.correlationId,
      occurredAt: sale.now,
      data: {
        benefitId,
        memberId: sale.memberId,
        kind: 'birthday-gift' as const,
        period,
        storeId: sale.storeId,
        grantedAt: sale.now.toISOString(),
      },
    }),
  ]);
}
