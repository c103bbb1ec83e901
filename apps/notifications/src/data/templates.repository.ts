import type { Queryable } from '@laoke/platform';

export interface TemplateVariable {
  name: string;
  description?: string;
}

export interface Template {
  brandId: string;
  key: string;
  channel: string;
  locale: string;
  category: string;
  body: string;
  variables: TemplateVariable[];
  updatedAt: Date | null;
}

export type TemplateId = Pick<Template, 'key' | 'channel' | 'locale'>;

const toTemplate = (row: Record<string, unknown>): Template => ({
  brandId: row['brand_id'] as string,
  key: row['key'] as string,
  channel: row['channel'] as string,
  locale: row['locale'] as string,
  category: row['category'] as string,
  body: row['body'] as string,
  variables: (row['variables'] as TemplateVariable[] | null) ?? [],
  updatedAt: row['updated_at'] as Date | null,
});

const DEFAULT_LOCALE = 'zh-CN';

export const templatesRepository = {
  /**
   * The template to render: the brand's own before the default one ('*'), the member's locale
   * before zh-CN.
   */
  async findForSending(
    db: Queryable,
    brandId: string,
    key: string,
    channel: string,
    locale = DEFAULT_LOCALE,
  ): Promise<Template | undefined> {
    const row = (await db('templates')
      .where({ key, channel })
      .whereIn('locale', [locale, DEFAULT_LOCALE])
      .whereIn('brand_id', [brandId, '*'])
      .orderByRaw("case when brand_id = '*' then 1 else 0 end")
      .orderByRaw('case when locale = ? then 0 else 1 end', [locale])
      .first()) as Record<string, unknown> | undefined;
    return row && toTemplate(row);
  },

  async find(db: Queryable, brandId: string, id: TemplateId): Promise<Template | undefined> {
    const row = (await db('templates')
      .where({ brand_id: brandId, ...id })
      .first()) as Record<string, unknown> | undefined;
    return row && toTemplate(row);
  },

  /** Returns true when the template was new. */
  async save(db: Queryable, template: Template): Promise<boolean> {
    const [row] = await db('templates')
      .insert({
        brand_id: template.brandId,
        key: template.key,
        channel: template.channel,
        locale: template.locale,
        category: template.category,
        body: template.body,
        variables: JSON.stringify(template.variables),
        updated_at: template.updatedAt,
      })
      .onConflict(['brand_id', 'key', 'channel', 'locale'])
      .merge()
      .returning<{ inserted: boolean }[]>(db.raw('(xmax = 0) as inserted'));
    return row?.inserted ?? false;
  },

  async remove(db: Queryable, brandId: string, id: TemplateId): Promise<boolean> {
    return (
      (await db('templates')
        .where({ brand_id: brandId, ...id })
        .delete()) > 0
    );
  },

  /** The brand's own templates by key, channel and locale; `limit` + 1 rows after `after`. */
  async list(db: Queryable, brandId: string, limit: number, after?: string): Promise<Template[]> {
    const query = db('templates')
      .where({ brand_id: brandId })
      .orderByRaw("key || '/' || channel || '/' || locale")
      .limit(limit + 1);
    if (after) query.whereRaw("key || '/' || channel || '/' || locale > ?", [after]);
    return ((await query) as Record<string, unknown>[]).map(toTemplate);
  },
};
