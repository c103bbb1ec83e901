import { randomInt } from 'node:crypto';
import type { Migration } from '@laoke/platform';

// A copy of the domain's generator: a migration must keep producing what it produced when written.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = () =>
  Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
const BATCH = 1000;

/**
 * R7: every member has a short referral code, unique within the brand, that never changes.
 * Existing members get one here (erased members stay without: their code resolves to nobody).
 */
export const referralCodesMigration: Migration = {
  name: '0010_referral_codes',
  async up(db) {
    await db.schema.alterTable('members', (t) => t.text('referral_code'));
    const rows = await db<{ id: string; brand_id: string }>('members')
      .select('id', 'brand_id')
      .whereNull('erased_at');
    // The column was empty, so uniqueness only has to hold among the codes drawn here.
    const used = new Set<string>();
    const coded = rows.map((row) => {
      let code = randomCode();
      while (used.has(`${row.brand_id}:${code}`)) code = randomCode();
      used.add(`${row.brand_id}:${code}`);
      return { id: row.id, code };
    });
    for (let i = 0; i < coded.length; i += BATCH) {
      const batch = coded.slice(i, i + BATCH);
      await db.raw(
        `update members set referral_code = given.code
         from unnest(?::uuid[], ?::text[]) as given(id, code) where members.id = given.id`,
        [batch.map((row) => row.id), batch.map((row) => row.code)],
      );
    }
    await db.raw(
      `create unique index members_brand_referral_code on members (brand_id, referral_code)
       where referral_code is not null`,
    );
  },
  async down(db) {
    await db.schema.alterTable('members', (t) => t.dropColumn('referral_code'));
  },
};
