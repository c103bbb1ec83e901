import type { Queryable } from '@laoke/platform';
import type { BrandPolicyOverrides } from '../domain/notification-policy';

export const brandPoliciesRepository = {
  async find(db: Queryable, brandId: string): Promise<BrandPolicyOverrides | undefined> {
    const row = await db('brand_policies')
      .where({ brand_id: brandId })
      .first<{ policy: BrandPolicyOverrides } | undefined>('policy');
    return row?.policy;
  },

  async save(db: Queryable, brandId: string, policy: BrandPolicyOverrides, at: Date) {
    await db('brand_policies')
      .insert({ brand_id: brandId, policy: JSON.stringify(policy), updated_at: at })
      .onConflict('brand_id')
      .merge();
  },
};
