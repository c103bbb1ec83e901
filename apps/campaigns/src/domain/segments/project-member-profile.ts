import type { MemberConsentChangedData, TierChangedData } from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { erasedMembersRepository as erasedMembers } from '../../data/erased-members.repository';
import { memberProfilesRepository as profiles } from '../../data/member-profiles.repository';

/**
 * Segment facts from member.*, tier.* and purchase events. Nothing is kept of a member already
 * erased: events on other topics may arrive after member.erased.
 */
const unlessErased =
  <A extends unknown[]>(
    project: (trx: Transaction, brandId: string, memberId: string, ...args: A) => Promise<void>,
  ) =>
  async (trx: Transaction, brandId: string, memberId: string, ...args: A) => {
    if (await erasedMembers.isErased(trx, brandId, memberId)) return;
    await project(trx, brandId, memberId, ...args);
  };

export const projectTier = unlessErased((trx, brandId, memberId, tier: TierChangedData) =>
  profiles.setTier(trx, brandId, memberId, tier.toTier),
);

export const projectTags = unlessErased((trx, brandId, memberId, tags: string[]) =>
  profiles.setTags(trx, brandId, memberId, tags),
);

export const projectConsent = unlessErased(
  (trx, brandId, memberId, consent: MemberConsentChangedData) =>
    profiles.setConsent(
      trx,
      brandId,
      memberId,
      `${consent.channel}:${consent.category}`,
      consent.granted,
    ),
);

/** A purchase seen for the first time adds to the member's totals; a return takes its share off. */
export const projectSpend = unlessErased(
  (trx, brandId, memberId, change: { fen: number; purchases: number }) =>
    profiles.addSpend(trx, brandId, memberId, change),
);
