/** What retention KPIs are rolled up by (R12). */
export const KPI_GROUPINGS = ['store', 'associate', 'region', 'brand'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

/** The SQL naming a row's group, and the join it needs. */
export interface GroupSql {
  key: string;
  join: string;
}

/**
 * How a row of a table aliased `alias` (with brand_id, store_id and member_id) finds its group:
 * its own store; that store's region (store.upserted projection); the member's serving associate
 * now (the contact plan's projection); or the brand. A store with no region and a member nobody
 * serves fall in the group with a null key.
 */
export function groupSql(grouping: KpiGrouping, alias: string): GroupSql {
  switch (grouping) {
    case 'store':
      return { key: `${alias}.store_id`, join: '' };
    case 'brand':
      return { key: `${alias}.brand_id`, join: '' };
    case 'region':
      return {
        key: 'kpi_sr.region_id',
        join: `left join store_regions kpi_sr on kpi_sr.brand_id = ${alias}.brand_id and kpi_sr.store_id = ${alias}.store_id`,
      };
    case 'associate':
      return {
        key: 'kpi_cp.associate_id',
        join: `left join contact_plan_members kpi_cp on kpi_cp.brand_id = ${alias}.brand_id and kpi_cp.member_id = ${alias}.member_id`,
      };
  }
}
