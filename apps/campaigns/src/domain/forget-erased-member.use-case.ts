import type { Transaction } from '@laoke/platform';
import { cadenceMembersRepository as cadenceMembers } from '../data/cadence-members.repository';
import { casesRepository as cases } from '../data/cases.repository';
import { churnReasonsRepository as churnReasons } from '../data/churn-reasons.repository';
import { erasedMembersRepository as erasedMembers } from '../data/erased-members.repository';
import { followUpsRepository as followUps } from '../data/follow-ups.repository';
import { memberActivityRepository as memberActivity } from '../data/member-activity.repository';
import { memberCadencesRepository as memberCadences } from '../data/member-cadences.repository';
import { memberProfilesRepository as memberProfiles } from '../data/member-profiles.repository';
import { staffTasksRepository as staffTasks } from '../data/staff-tasks.repository';
import { surveysRepository as surveys } from '../data/surveys.repository';
import { winBackRepository as winBack } from '../data/win-back.repository';

/**
 * PIPL erasure (member.erased): nothing more is sent to or planned for the member (pending
 * follow-ups skipped, open tasks cancelled, unanswered surveys cancelled, open cases closed, a
 * win-back journey ended; a purchase read later plans nothing), and what staff or the member
 * wrote in free text is dropped. Counts, scores, outcomes and reason codes stay, so the
 * store's reports (R8, R9, R12) remain right.
 * Segments drop the member's tier, tags, consent and totals; home store and birthday go with
 * greeting_members, which greetings forget in their own consumer (greeting-members).
 */
export async function forgetErasedMember(
  trx: Transaction,
  erased: { brandId: string; memberId: string; at: Date },
): Promise<void> {
  const { brandId, memberId, at } = erased;
  await erasedMembers.record(trx, brandId, memberId, at);
  await followUps.skipPendingFor(trx, brandId, memberId, 'erased');
  await cadenceMembers.forget(trx, brandId, memberId);
  await memberCadences.forget(trx, brandId, memberId);
  await staffTasks.forgetMember(trx, brandId, memberId, at);
  await surveys.forgetMember(trx, brandId, memberId);
  await cases.closeOpenOf(trx, brandId, memberId, at);
  await churnReasons.forgetNotesOf(trx, brandId, memberId);
  const journey = await winBack.openJourney(trx, brandId, memberId);
  if (journey)
    await winBack.endJourney(trx, journey.id, { at, reason: 'erased', converted: false });
  await memberActivity.forget(trx, brandId, memberId);
  await memberProfiles.forget(trx, brandId, memberId);
}
