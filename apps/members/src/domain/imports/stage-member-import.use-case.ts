import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DomainError, type BrandClock, type Database, type PiiCipher } from '@laoke/platform';
import { CsvError, parse } from 'csv-parse';
import { v7 as uuidv7 } from 'uuid';
import { memberImportsRepository as imports } from '../../data/member-imports.repository';
import { IMPORT_COLUMNS, csvRecordToRow, type StagedRow } from './import-row';
import { CHUNK_ROWS, type ImportFormat, type MemberImport } from './member-import';

export interface StageImportDeps {
  db: Database;
  pii: PiiCipher;
  clock: BrandClock;
}

/** A row larger than this is not a member; the file is refused rather than buffered. */
const MAX_ROW_BYTES = 64 * 1024;
const REQUIRED_COLUMNS = ['name', 'mobile', 'homeStoreId'];

const badFile = (code: string, message: string, field = 'body') =>
  new DomainError(code, message, { kind: 'invalid', field });

/** The header decides what each cell is: an unknown, repeated or missing column refuses the file. */
function checkHeader(header: string[]): string[] {
  const columns = header.map((name) => name.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    if (!IMPORT_COLUMNS.includes(column))
      throw badFile('UNKNOWN_COLUMN', `${column} is not an accepted column`, column);
    if (seen.has(column)) throw badFile('DUPLICATE_COLUMN', `${column} appears twice`, column);
    seen.add(column);
  }
  const missing = REQUIRED_COLUMNS.find((column) => !seen.has(column));
  if (missing) throw badFile('MISSING_COLUMN', `the header has no ${missing} column`, missing);
  return columns;
}

/** CSV: the header, then one member per record; row 1 is the first record after the header. */
async function* csvRows(body: Readable): AsyncGenerator<StagedRow> {
  const parser = body.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_ROW_BYTES,
    }),
  );
  body.on('error', (error) => parser.destroy(error));
  let columns: string[] | undefined;
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = checkHeader(record);
        continue;
      }
      rowNumber += 1;
      if (record.length !== columns.length) {
        yield {
          rowNumber,
          values: null,
          problem: {
            field: 'row',
            code: 'WRONG_COLUMN_COUNT',
            reason: `has ${record.length} cells, the header ${columns.length}`,
          },
        };
        continue;
      }
      const cells = Object.fromEntries(columns.map((column, i) => [column, record[i] ?? '']));
      yield { rowNumber, values: csvRecordToRow(cells) };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw badFile(
        'MALFORMED_CSV',
        `the CSV cannot be read past line ${typeof error['lines'] === 'number' ? error['lines'] : '?'}`,
      );
    throw error;
  }
  if (!columns) throw badFile('EMPTY_IMPORT', 'the file has no header and no rows');
}

/** NDJSON: one JSON object per line; the row number is the line number, blank lines skipped. */
async function* ndjsonRows(body: Readable): AsyncGenerator<StagedRow> {
  let rowNumber = 0;
  for await (const line of createInterface({ input: body, crlfDelay: Infinity })) {
    rowNumber += 1;
    if (line.trim() === '') continue;
    if (Buffer.byteLength(line) > MAX_ROW_BYTES)
      throw badFile('ROW_TOO_LARGE', `line ${rowNumber} is larger than ${MAX_ROW_BYTES} bytes`);
    try {
      yield { rowNumber, values: JSON.parse(line) as unknown };
    } catch {
      yield {
        rowNumber,
        values: null,
        problem: { field: 'row', code: 'MALFORMED_JSON', reason: 'is not a JSON object' },
      };
    }
  }
}

/**
 * Head office uploads its existing members: the body is read as it streams in and staged in
 * chunks of rows (encrypted, as they carry personal data), so a large file is never held in
 * memory. Staging is one transaction: a file that cannot be read leaves nothing behind. The
 * rows are validated and imported afterwards by the import job.
 */
export async function stageMemberImport(
  deps: StageImportDeps,
  command: { brandId: string; format: ImportFormat; body: Readable; correlationId: string },
): Promise<MemberImport> {
  const job: MemberImport = {
    id: uuidv7(),
    brandId: command.brandId,
    format: command.format,
    status: 'queued',
    counts: { total: 0, imported: 0, updated: 0, failed: 0 },
    correlationId: command.correlationId,
    createdAt: deps.clock.nowFor(command.brandId),
    completedAt: null,
  };
  const rows = command.format === 'csv' ? csvRows(command.body) : ndjsonRows(command.body);
  return deps.db.transaction(async (trx) => {
    await imports.insert(trx, job);
    let chunk: StagedRow[] = [];
    let chunkNumber = 0;
    const flush = async () => {
      chunkNumber += 1;
      await imports.stageChunk(trx, {
        importId: job.id,
        chunkNumber,
        rowCount: chunk.length,
        rowsEncrypted: deps.pii.encrypt(JSON.stringify(chunk)),
      });
      chunk = [];
    };
    for await (const row of rows) {
      job.counts.total += 1;
      chunk.push(row);
      if (chunk.length === CHUNK_ROWS) await flush();
    }
    if (chunk.length > 0) await flush();
    if (job.counts.total === 0) throw badFile('EMPTY_IMPORT', 'the file has no rows');
    await imports.setTotal(trx, job.id, job.counts.total);
    return job;
  });
}
