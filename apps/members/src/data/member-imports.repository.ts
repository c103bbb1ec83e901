import { keysetPage, type PageRequest, type Queryable } from '@laoke/platform';
import type { RowError } from '../domain/imports/import-row';
import type { ImportCounts, ImportFormat, MemberImport } from '../domain/imports/member-import';

interface ImportRow {
  id: string;
  brand_id: string;
  format: ImportFormat;
  status: MemberImport['status'];
  total: number;
  imported: number;
  updated: number;
  failed: number;
  correlation_id: string;
  created_at: Date;
  completed_at: Date | null;
}

const toImport = (row: ImportRow): MemberImport => ({
  id: row.id,
  brandId: row.brand_id,
  format: row.format,
  status: row.status,
  counts: { total: row.total, imported: row.imported, updated: row.updated, failed: row.failed },
  correlationId: row.correlation_id,
  createdAt: row.created_at,
  completedAt: row.completed_at,
});

export interface ImportErrorRow {
  id: string;
  row_number: number;
  field: string;
  code: string;
  reason: string;
  recorded_at: Date;
}

export const memberImportsRepository = {
  async insert(db: Queryable, job: MemberImport): Promise<void> {
    await db('member_imports').insert({
      id: job.id,
      brand_id: job.brandId,
      format: job.format,
      status: job.status,
      total: job.counts.total,
      correlation_id: job.correlationId,
      created_at: job.createdAt,
    });
  },

  async find(db: Queryable, brandId: string, id: string): Promise<MemberImport | undefined> {
    const row = await db<ImportRow>('member_imports').where({ brand_id: brandId, id }).first();
    return row && toImport(row);
  },

  async setTotal(db: Queryable, id: string, total: number): Promise<void> {
    await db('member_imports').where({ id }).update({ total });
  },

  async stageChunk(
    db: Queryable,
    chunk: { importId: string; chunkNumber: number; rowCount: number; rowsEncrypted: string },
  ): Promise<void> {
    await db('member_import_chunks').insert({
      import_id: chunk.importId,
      chunk_number: chunk.chunkNumber,
      row_count: chunk.rowCount,
      rows_encrypted: chunk.rowsEncrypted,
    });
  },

  /**
   * Claims the next import with rows left, locked until the transaction ends; other replicas
   * skip it and take another import, so one import's chunks are done in file order.
   */
  async claimNext(db: Queryable): Promise<MemberImport | undefined> {
    const row = await db<ImportRow>('member_imports')
      .whereIn('status', ['queued', 'running'])
      .orderBy('created_at')
      .forUpdate()
      .skipLocked()
      .first();
    return row && toImport(row);
  },

  async nextPendingChunk(
    db: Queryable,
    importId: string,
  ): Promise<{ chunkNumber: number; rowsEncrypted: string } | undefined> {
    const row: { chunk_number: number; rows_encrypted: string } | undefined = await db(
      'member_import_chunks',
    )
      .where({ import_id: importId })
      .whereNull('done_at')
      .orderBy('chunk_number')
      .first('chunk_number', 'rows_encrypted');
    return row && { chunkNumber: row.chunk_number, rowsEncrypted: row.rows_encrypted };
  },

  async hasPendingChunk(db: Queryable, importId: string): Promise<boolean> {
    const row: unknown = await db('member_import_chunks')
      .where({ import_id: importId })
      .whereNull('done_at')
      .first(db.raw('1 as pending'));
    return row !== undefined;
  },

  /** The chunk's rows are in: its payload (personal data) is no longer kept. */
  async markChunkDone(db: Queryable, importId: string, chunkNumber: number): Promise<void> {
    await db('member_import_chunks')
      .where({ import_id: importId, chunk_number: chunkNumber })
      .update({ done_at: db.fn.now(), rows_encrypted: null });
  },

  async addCounts(
    db: Queryable,
    id: string,
    counts: Omit<ImportCounts, 'total'>,
    status: MemberImport['status'],
    completedAt: Date | null,
  ): Promise<void> {
    await db('member_imports')
      .where({ id })
      .update({
        status,
        imported: db.raw('imported + ?', [counts.imported]),
        updated: db.raw('updated + ?', [counts.updated]),
        failed: db.raw('failed + ?', [counts.failed]),
        completed_at: completedAt,
      });
  },

  /** Recorded in row order; the transaction's start time and UUID v7 ids keep that order. */
  async insertErrors(db: Queryable, importId: string, errors: (RowError & { id: string })[]) {
    if (errors.length === 0) return;
    await db('member_import_errors').insert(
      errors.map((error) => ({
        id: error.id,
        import_id: importId,
        row_number: error.rowNumber,
        field: error.field,
        code: error.code,
        reason: error.reason,
        // Milliseconds, as the page cursor carries them.
        recorded_at: db.raw("date_trunc('milliseconds', now())"),
      })),
    );
  },

  async errorsPage(db: Queryable, importId: string, page: PageRequest): Promise<ImportErrorRow[]> {
    const query = db<ImportErrorRow & { import_id: string }>('member_import_errors').where({
      import_id: importId,
    });
    return await keysetPage(query, 'recorded_at', 'asc', page);
  },
};
