import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { Staff } from '../domain/organisation/organisation';

interface StaffRow {
  id: string;
  brand_id: string;
  name: string;
  role: Staff['role'];
  store_id: string | null;
  region_id: string | null;
  mobile_encrypted: string;
  mobile_fingerprint: string;
  mobile_masked: string;
  status: Staff['status'];
  left_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toStaff = (row: StaffRow): Staff => ({
  id: row.id,
  brandId: row.brand_id,
  name: row.name,
  role: row.role,
  storeId: row.store_id,
  regionId: row.region_id,
  mobileEncrypted: row.mobile_encrypted,
  mobileFingerprint: row.mobile_fingerprint,
  mobileMasked: row.mobile_masked,
  status: row.status,
  leftAt: row.left_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface StaffFilter {
  storeId?: string;
  role?: Staff['role'];
  status?: Staff['status'];
}

export const staffRepository = {
  async find(db: Queryable, brandId: string, id: string): Promise<Staff | undefined> {
    const row = await db<StaffRow>('staff').where({ brand_id: brandId, id }).first();
    return row && toStaff(row);
  },

  /** Locked until the transaction ends: one change of a staff member at a time. */
  async lock(db: Queryable, brandId: string, id: string): Promise<Staff | undefined> {
    const row = await db<StaffRow>('staff').where({ brand_id: brandId, id }).forUpdate().first();
    return row && toStaff(row);
  },

  async save(db: Queryable, staff: Staff): Promise<void> {
    await db('staff')
      .insert({
        id: staff.id,
        brand_id: staff.brandId,
        name: staff.name,
        role: staff.role,
        store_id: staff.storeId,
        region_id: staff.regionId,
        mobile_encrypted: staff.mobileEncrypted,
        mobile_fingerprint: staff.mobileFingerprint,
        mobile_masked: staff.mobileMasked,
        status: staff.status,
        left_at: staff.leftAt,
        created_at: staff.createdAt,
        updated_at: staff.updatedAt,
      })
      .onConflict('id')
      .merge([
        'name',
        'role',
        'store_id',
        'region_id',
        'mobile_encrypted',
        'mobile_fingerprint',
        'mobile_masked',
        'status',
        'left_at',
        'updated_at',
      ]);
  },

  async list(
    db: Queryable,
    brandId: string,
    filter: StaffFilter,
    page: PageRequest,
  ): Promise<Staff[]> {
    const query = db<StaffRow>('staff').where({ brand_id: brandId });
    if (filter.storeId) query.andWhere('store_id', filter.storeId);
    if (filter.role) query.andWhere('role', filter.role);
    if (filter.status) query.andWhere('status', filter.status);
    return (await keysetPage(query, 'created_at', 'asc', page)).map(toStaff);
  },
};
