import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { Member } from '../domain/member';
import { toMember, type MemberRow } from './members.repository';

/** Every criterion given must hold; personal data is matched by its keyed fingerprint only. */
export interface MemberCriteria {
  mobileFingerprint?: string;
  cardNumber?: string;
  namePrefix?: string;
  tag?: string;
  homeStoreId?: string;
  /** null: members nobody serves (e.g. left unassigned by a departure, for head office). */
  servingAssociateId?: string | null;
  birthdayMonth?: number;
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const memberSearchRepository = {
  /** One page of a brand's members, oldest registration first (then id): a stable order. */
  async search(
    db: Queryable,
    brandId: string,
    criteria: MemberCriteria,
    page: PageRequest,
  ): Promise<Member[]> {
    const query = db<MemberRow>('members').where({ brand_id: brandId }).whereNull('erased_at');
    if (criteria.mobileFingerprint !== undefined)
      query.andWhere('mobile_fingerprint', criteria.mobileFingerprint);
    if (criteria.cardNumber !== undefined)
      // R3: only an active card names its holder; a reported or replaced one finds nobody.
      query.whereIn(
        'id',
        db('cards')
          .select('member_id')
          .where({ brand_id: brandId, number: criteria.cardNumber, status: 'active' }),
      );
    if (criteria.namePrefix !== undefined)
      query.andWhereRaw("name like ? escape '\\'", [likePrefix(criteria.namePrefix)]);
    if (criteria.tag !== undefined)
      query.andWhereRaw('tags @> ?::jsonb', [JSON.stringify([criteria.tag])]);
    if (criteria.homeStoreId !== undefined) query.andWhere('home_store_id', criteria.homeStoreId);
    if (criteria.servingAssociateId === null) query.whereNull('serving_associate_id');
    else if (criteria.servingAssociateId !== undefined)
      query.andWhere('serving_associate_id', criteria.servingAssociateId);
    if (criteria.birthdayMonth !== undefined)
      query.andWhereRaw('extract(month from birthday) = ?', [criteria.birthdayMonth]);
    return (await keysetPage(query, 'registered_at', 'asc', page)).map(toMember);
  },
};
