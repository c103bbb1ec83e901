import type { Queryable } from '@laoke/platform';
import type { Brand } from '../domain/organisation/organisation';

interface BrandRow {
  id: string;
  name: string;
  time_zone: string;
  default_locale: Brand['defaultLocale'];
  sms_signature: string;
  programme_settings: Record<string, unknown>;
  sandbox: boolean;
  created_at: Date;
  updated_at: Date;
}

const toBrand = (row: BrandRow): Brand => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  defaultLocale: row.default_locale,
  smsSignature: row.sms_signature,
  programmeSettings: row.programme_settings,
  sandbox: row.sandbox,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const brandsRepository = {
  /** The brand's row, locked until the transaction ends, so its changes happen one at a time. */
  async lock(db: Queryable, id: string): Promise<Brand | undefined> {
    const row = await db<BrandRow>('brands').where({ id }).forUpdate().first();
    return row && toBrand(row);
  },

  async find(db: Queryable, id: string): Promise<Brand | undefined> {
    const row = await db<BrandRow>('brands').where({ id }).first();
    return row && toBrand(row);
  },

  /** Inserts or replaces the brand; a concurrent first setting waits on the key and updates. */
  async save(db: Queryable, brand: Brand): Promise<void> {
    await db('brands')
      .insert({
        id: brand.id,
        name: brand.name,
        time_zone: brand.timeZone,
        default_locale: brand.defaultLocale,
        sms_signature: brand.smsSignature,
        programme_settings: JSON.stringify(brand.programmeSettings),
        sandbox: brand.sandbox,
        created_at: brand.createdAt,
        updated_at: brand.updatedAt,
      })
      .onConflict('id')
      .merge([
        'name',
        'time_zone',
        'default_locale',
        'sms_signature',
        'programme_settings',
        'updated_at',
      ]);
  },
};
