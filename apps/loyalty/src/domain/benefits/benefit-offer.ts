import type { BenefitKind } from '@laoke/contracts';
import type { DateTime } from 'luxon';
import type { ProgrammeDefinition } from '../programme/programme-definition';
import { birthdayGiftPeriod, monthPeriod, quarterPeriod } from './benefit-calendar';

/** The benefits a programme offers (R4): gifts when head office switched them on, the member day when it set one. */
export function offeredBenefits(definition: ProgrammeDefinition): BenefitKind[] {
  return [
    ...(definition.gifts?.birthdayPurchase ? (['birthday-gift'] as const) : []),
    ...(definition.gifts?.quarterly ? (['quarterly-gift'] as const) : []),
    ...(definition.memberDay ? (['member-day-discount'] as const) : []),
  ];
}

/** The period a benefit of this kind belongs to at this local moment. */
export function periodOf(kind: BenefitKind, local: DateTime): string {
  if (kind === 'birthday-gift') return birthdayGiftPeriod(local);
  if (kind === 'quarterly-gift') return quarterPeriod(local);
  return monthPeriod(local);
}
