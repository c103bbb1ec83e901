import type { Database, PageRequest, PiiCipher } from '@laoke/platform';
import { memberSearchRepository, type MemberCriteria } from '../data/member-search.repository';
import type { Member } from './member';

export type MemberSearch = Omit<MemberCriteria, 'mobileFingerprint'> & { mobile?: string };

/**
 * R1/R12: a brand's members by any mix of criteria. The whole brand is searched, whatever
 * store asks (a member of one store is served in another); no other brand ever is.
 */
export function searchMembers(
  deps: { db: Database; pii: PiiCipher },
  brandId: string,
  search: MemberSearch,
  page: PageRequest,
): Promise<Member[]> {
  const { mobile, ...criteria } = search;
  return memberSearchRepository.search(
    deps.db,
    brandId,
    {
      ...criteria,
      ...(mobile !== undefined && { mobileFingerprint: deps.pii.fingerprint(mobile) }),
    },
    page,
  );
}
