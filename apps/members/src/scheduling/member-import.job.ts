import type { ScheduledJob } from '@laoke/platform';
import {
  importNextChunk,
  type ImportRowsDeps,
} from '../domain/imports/import-member-rows.use-case';

/**
 * Imports staged member files one chunk per tick, at once again while chunks are waiting. Each
 * replica claims an import with SKIP LOCKED, so several replicas import several files at once.
 */
export const memberImportJob = (deps: ImportRowsDeps, intervalMs = 500): ScheduledJob => ({
  name: 'member-import',
  intervalMs,
  batchSize: 1,
  run: async () => ((await importNextChunk(deps)) > 0 ? 1 : 0),
});
