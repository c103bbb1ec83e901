import type { Queryable } from '@laoke/platform';

export const templatesRepository = {
  /** The brand's own template wins over the default one. */
  async findBody(db: Queryable, brandId: string, key: string, channel: string, locale = 'zh-CN') {
    const row = await db<{
      body: string;
      brand_id: string;
      key: string;
      channel: string;
      locale: string;
    }>('templates')
      .where({ key, channel, locale })
      .whereIn('brand_id', [brandId, '*'])
      .orderByRaw("case when brand_id = '*' then 1 else 0 end")
      .first('body');
    return row?.body;
  },
};
