import type { MemberConsentChangedData } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { cadenceMembersRepository as cadenceMembers } from '../../data/cadence-members.repository';
import { followUpsRepository as followUps } from '../../data/follow-ups.repository';

/**
 * R6 exit: a member who withdraws care consent on every channel they gave it for is opted out:
 * their pending occurrences are skipped now, and what falls due later is skipped when it fires
 * (a purchase read after the opt-out plans nothing). Granting it again lets new purchases start.
 */
export async function applyCareConsent(
  trx: Transaction,
  brandId: string,
  consent: MemberConsentChangedData,
): Promise<void> {
  if (consent.category !== 'care') return;
  const member = await cadenceMembers.setCareConsent(
    trx,
    brandId,
    consent.memberId,
    consent.channel,
    consent.granted,
  );
  if (member.optedOut) await followUps.skipPendingFor(trx, brandId, consent.memberId, 'opted-out');
}

/** Cadence calls go to the member's serving associate as members last told it. */
export const recordServingAssociate = (
  trx: Transaction,
  brandId: string,
  memberId: string,
  associateId: string | null,
) => cadenceMembers.setServingAssociate(trx, brandId, memberId, associateId);
