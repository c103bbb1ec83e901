/** What one upload became (issue 6 item 10): counts grow as its chunks are imported. */
export type ImportFormat = 'csv' | 'ndjson';

export interface ImportCounts {
  total: number;
  imported: number;
  updated: number;
  failed: number;
}

export interface MemberImport {
  id: string;
  brandId: string;
  format: ImportFormat;
  status: 'queued' | 'running' | 'completed';
  counts: ImportCounts;
  correlationId: string;
  createdAt: Date;
  completedAt: Date | null;
}

/** Rows staged and imported together: one transaction, one multi-row insert per table. */
export const CHUNK_ROWS = 1000;
