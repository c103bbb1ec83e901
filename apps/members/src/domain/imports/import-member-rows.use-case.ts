import { createEvent, type AnyEvent } from '@laoke/contracts';
import {
  appendToOutbox,
  type BrandClock,
  type Database,
  type PiiCipher,
  type Transaction,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { cardsRepository as cards } from '../../data/cards.repository';
import { memberImportsRepository as imports } from '../../data/member-imports.repository';
import { membersRepository as members } from '../../data/members.repository';
import { formatCardNumber, isFutureBirthday, type Member, type RegistrationInput } from '../member';
import { EMPTY_PROFILE, applyProfile } from '../member-profile';
import { memberRegisteredEvents } from '../member-registered-events';
import { freshReferralCodes } from '../referral-code';
import { protectMobile, type ProtectedValue } from '../personal-data';
import { updatedFacts } from '../update-member.use-case';
import { validateRow, type RowError, type StagedRow } from './import-row';
import type { MemberImport } from './member-import';

export interface ImportRowsDeps {
  db: Database;
  pii: PiiCipher;
  clock: BrandClock;
}

interface ValidRow {
  rowNumber: number;
  input: RegistrationInput;
  mobile: ProtectedValue;
}

/** The brand's stores a row may name as home store, by id or by code (e.g. SH-001). */
async function knownStores(trx: Transaction, brandId: string, named: string[]) {
  if (named.length === 0) return new Set<string>();
  const rows: { id: string; code: string }[] = await trx('stores')
    .where({ brand_id: brandId })
    .where((q) => void q.whereRaw('id::text = any(?)', [named]).orWhereIn('code', named))
    .select('id', 'code');
  return new Set(rows.flatMap((row) => [row.id, row.code]));
}

/** Registration's rules beyond the schema: a birthday that has come, a home store of the brand. */
async function checkRules(
  trx: Transaction,
  deps: ImportRowsDeps,
  brandId: string,
  rows: StagedRow[],
  now: Date,
): Promise<{ valid: ValidRow[]; errors: RowError[] }> {
  const checked = rows.map(validateRow);
  const inputs = checked.flatMap((result) => (result.ok ? [result.input] : []));
  const stores = await knownStores(trx, brandId, [...new Set(inputs.map((i) => i.homeStoreId))]);
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  checked.forEach((result, i) => {
    const rowNumber = rows[i]?.rowNumber ?? 0;
    if (!result.ok) return void errors.push(...result.errors);
    const refused = (field: string, code: string, reason: string) =>
      errors.push({ rowNumber, field, code, reason });
    if (isFutureBirthday(result.input.birthday, now))
      return void refused('birthday', 'BIRTHDAY_IN_FUTURE', 'cannot be in the future');
    if (!stores.has(result.input.homeStoreId))
      return void refused('homeStoreId', 'UNKNOWN_STORE', 'no store of this brand has this id');
    valid.push({
      rowNumber,
      input: result.input,
      mobile: protectMobile(deps.pii, result.input.mobile),
    });
  });
  return { valid, errors };
}

/** A new member from a row, as registration makes one (R1, R3). */
function newMember(
  deps: ImportRowsDeps,
  brandId: string,
  row: ValidRow,
  cardSequence: number,
  referralCode: string,
  now: Date,
): Member {
  return {
    ...applyProfile(deps.pii, EMPTY_PROFILE, row.input),
    id: uuidv7(),
    brandId,
    cardNumber: formatCardNumber(cardSequence),
    name: row.input.name.trim(),
    mobileEncrypted: row.mobile.encrypted,
    mobileFingerprint: row.mobile.fingerprint,
    mobileMasked: row.mobile.masked,
    birthday: row.input.birthday ?? null,
    homeStoreId: row.input.homeStoreId,
    referrerMemberId: null,
    referralCode,
    version: 1,
    registeredAt: now,
    updatedAt: now,
  };
}

/** An existing member with the row's fields: those it gives replace, those it omits stay. */
function updatedMember(deps: ImportRowsDeps, current: Member, row: ValidRow, now: Date): Member {
  return {
    ...current,
    ...applyProfile(deps.pii, current, row.input),
    name: row.input.name.trim(),
    birthday: row.input.birthday ?? current.birthday,
    homeStoreId: row.input.homeStoreId,
    version: current.version + 1,
    updatedAt: now,
  };
}

/**
 * Imports one staged chunk of the oldest unfinished import, in one transaction with the chunk
 * marked done, so a crash between chunks resumes where it stopped and never imports a chunk
 * twice. Rows are upserted by mobile (a re-import updates, never duplicates), each with the
 * event a registration or an update would emit. Returns how many rows it handled.
 */
export async function importNextChunk(deps: ImportRowsDeps): Promise<number> {
  return deps.db.transaction(async (trx) => {
    const job = await imports.claimNext(trx);
    if (!job) return 0;
    const chunk = await imports.nextPendingChunk(trx, job.id);
    if (!chunk) {
      await finish(trx, deps, job, { imported: 0, updated: 0, failed: 0 });
      return 0;
    }
    const rows = JSON.parse(deps.pii.decrypt(chunk.rowsEncrypted)) as StagedRow[];
    const now = deps.clock.nowFor(job.brandId);
    const { valid, errors } = await checkRules(trx, deps, job.brandId, rows, now);

    // The same lock registration takes per mobile, in one order, so neither can deadlock.
    const keys = [
      ...new Set(valid.map((row) => `${job.brandId}:${row.mobile.fingerprint}`)),
    ].sort();
    if (keys.length > 0)
      await trx.raw('select pg_advisory_xact_lock(hashtext(k)) from unnest(?::text[]) as k', [
        keys,
      ]);
    const byMobile = new Map(
      (
        await members.lockByMobiles(trx, job.brandId, [
          ...new Set(valid.map((r) => r.mobile.fingerprint)),
        ])
      ).map((member) => [member.mobileFingerprint, member]),
    );

    const seen = new Set(byMobile.keys());
    const newRows = valid.filter(
      (row) => !seen.has(row.mobile.fingerprint) && Boolean(seen.add(row.mobile.fingerprint)),
    );
    const sequences = await members.nextCardSequences(trx, newRows.length);
    const codes = await freshReferralCodes(trx, job.brandId, newRows.length);
    const created = new Map<ValidRow, Member>();
    newRows.forEach((row, i) =>
      created.set(row, newMember(deps, job.brandId, row, sequences[i] ?? 0, codes[i] ?? '', now)),
    );

    const events: AnyEvent[] = [];
    // A mobile given twice in the file: the later row updates the member the earlier one made.
    const written = new Map<string, Member>();
    let updated = 0;
    for (const row of valid) {
      const fresh = created.get(row);
      if (fresh) {
        byMobile.set(fresh.mobileFingerprint, fresh);
        written.set(fresh.mobileFingerprint, fresh);
        events.push(...memberRegisteredEvents(fresh, job.correlationId));
        continue;
      }
      const current = byMobile.get(row.mobile.fingerprint) as Member;
      const next = updatedMember(deps, current, row, now);
      byMobile.set(next.mobileFingerprint, next);
      written.set(next.mobileFingerprint, next);
      updated += 1;
      events.push(
        createEvent({
          type: 'member.updated',
          brandId: job.brandId,
          storeId: next.homeStoreId,
          memberId: next.id,
          correlationId: job.correlationId,
          occurredAt: now,
          data: { ...updatedFacts(current, next), updatedAt: now.toISOString() },
        }),
      );
    }

    await members.upsertMany(trx, [...written.values()]);
    await cards.issueMany(
      trx,
      [...created.values()].map((m) => ({
        number: m.cardNumber,
        brandId: m.brandId,
        memberId: m.id,
        issuedAt: now,
      })),
    );
    await appendToOutbox(trx, events);
    await imports.insertErrors(
      trx,
      job.id,
      errors.map((error) => ({ ...error, id: uuidv7() })),
    );
    await imports.markChunkDone(trx, job.id, chunk.chunkNumber);
    await finish(trx, deps, job, {
      imported: created.size,
      updated,
      failed: new Set(errors.map((error) => error.rowNumber)).size,
    });
    return rows.length;
  });
}

/** Adds a chunk's counts; the import is completed when no chunk is left. */
async function finish(
  trx: Transaction,
  deps: ImportRowsDeps,
  job: MemberImport,
  counts: { imported: number; updated: number; failed: number },
): Promise<void> {
  const done = !(await imports.hasPendingChunk(trx, job.id));
  await imports.addCounts(
    trx,
    job.id,
    counts,
    done ? 'completed' : 'running',
    done ? deps.clock.nowFor(job.brandId) : null,
  );
}
