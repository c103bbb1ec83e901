import type { Queryable } from '@laoke/platform';
import type { Successor } from '../domain/associates/reassignment-policy';
import type { Member } from '../domain/member';
import type { Staff } from '../domain/organisation/organisation';
import { toMember, type MemberRow } from './members.repository';

type StaffStanding = Pick<Staff, 'id' | 'role' | 'status'> & { brand_id: string };

/** Roles that may serve members (R2). */
export const SERVING_ROLES = ['associate', 'store-manager'] as const;

export const associatesRepository = {
  /**
   * R2: one departure at a time per brand, so the second one reads the loads the first one
   * left. Taken before any row lock of the departure, so departures never deadlock.
   */
  async lockBrandLoads(trx: Queryable, brandId: string): Promise<void> {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`associate-loads:${brandId}`]);
  },

  /**
   * The staff member, share-locked until the transaction ends: a departure that wants the row
   * waits, then finds the member assigned and moves them on; an assignment after the departure
   * reads `left`.
   */
  async shareLockStaff(
    trx: Queryable,
    brandId: string,
    staffId: string,
  ): Promise<Pick<StaffStanding, 'id' | 'role' | 'status'> | undefined> {
    return trx<StaffStanding>('staff')
      .select('id', 'role', 'status')
      .where({ brand_id: brandId, id: staffId })
      .forShare()
      .first();
  },

  /** Every member the staff member serves, oldest first, locked for the reassignment. */
  async lockMembersServedBy(trx: Queryable, brandId: string, staffId: string): Promise<Member[]> {
    const rows = await trx<MemberRow>('members')
      .where({ brand_id: brandId, serving_associate_id: staffId })
      .orderBy([{ column: 'registered_at' }, { column: 'id' }])
      .forUpdate();
    return rows.map(toMember);
  },

  /** The active associates and managers of a store but one, with how many members each serves. */
  async colleaguesWithLoads(
    trx: Queryable,
    brandId: string,
    storeId: string,
    exceptStaffId: string,
  ): Promise<Successor[]> {
    const { rows } = await trx.raw<{
      rows: { staff_id: string; role: Successor['role']; load: number }[];
    }>(
      `select s.id as staff_id, s.role, count(m.id)::int as load
         from staff s
         left join members m on m.brand_id = s.brand_id and m.serving_associate_id = s.id::text
        where s.brand_id = ? and s.store_id = ? and s.status = 'active' and s.id <> ?
          and s.role in (?, ?)
        group by s.id, s.role`,
      [brandId, storeId, exceptStaffId, ...SERVING_ROLES],
    );
    return rows.map((row) => ({ staffId: row.staff_id, role: row.role, load: row.load }));
  },

  /** Writes the member's associate, version and time of change; the caller holds the row. */
  async saveServingAssociate(trx: Queryable, member: Member): Promise<void> {
    await trx('members').where({ brand_id: member.brandId, id: member.id }).update({
      serving_associate_id: member.servingAssociateId,
      version: member.version,
      updated_at: member.updatedAt,
    });
  },
};
