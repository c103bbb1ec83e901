import { Transform, type Readable } from 'node:stream';
import {
  BrandScopeHeaders,
  DomainError,
  ProblemError,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { memberImportsRepository as imports } from '../data/member-imports.repository';
import type { MemberImport } from '../domain/imports/member-import';
import {
  stageMemberImport,
  type StageImportDeps,
} from '../domain/imports/stage-member-import.use-case';
import {
  MemberImportErrorPage,
  MemberImportErrorsQuery,
  MemberImportParams,
  MemberImportResponse,
} from './member-imports.schemas';

/** Head office's largest member file; the gateway lets this route (only) carry as much. */
export const MEMBER_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const FORMATS = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' } as const;

const tooLarge = () =>
  new ProblemError(
    413,
    'BODY_TOO_LARGE',
    `the file is larger than ${MEMBER_IMPORT_MAX_BYTES} bytes`,
    'body',
  );

/** The body as it streams in, failing once it grows past the limit (it is never buffered). */
function limited(body: Readable): Readable {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(bytes > MEMBER_IMPORT_MAX_BYTES ? tooLarge() : null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
}

const present = (job: MemberImport) => ({
  id: job.id,
  status: job.status,
  format: job.format,
  counts: job.counts,
  createdAt: job.createdAt.toISOString(),
  completedAt: job.completedAt?.toISOString() ?? null,
});

const importNotFound = () =>
  new DomainError('IMPORT_NOT_FOUND', 'no import has this id', {
    kind: 'not-found',
    field: 'importId',
  });

/** Issue 6 item 10: head office loads its existing members from a file, and follows the job. */
export async function registerMemberImportRoutes(
  app: HttpApp,
  deps: StageImportDeps,
): Promise<void> {
  // Only this route reads CSV and NDJSON, as a stream; JSON and every other type are 415 here.
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) =>
      done(null, payload),
    );
    scope.post(
      '/v1/member-imports',
      {
        schema: {
          tags: ['members'],
          operationId: 'importMembers',
          summary:
            'Upload existing members as text/csv (a header row, lists `|`-separated) or application/x-ndjson (one registration per line); 202 with the job, imported in the background, upserted by mobile',
          headers: BrandScopeHeaders,
          response: { 202: MemberImportResponse, ...problemResponses(413, 415) },
        },
      },
      async (request, reply) => {
        if (Number(request.headers['content-length'] ?? 0) > MEMBER_IMPORT_MAX_BYTES)
          throw tooLarge();
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
        const job = await stageMemberImport(deps, {
          // Checked by the headers schema; this scope's types do not carry it.
          brandId: String(request.headers['x-laoke-brand-id']),
          format: FORMATS[mediaType as keyof typeof FORMATS],
          body: limited(request.body as Readable),
          correlationId: request.id,
        });
        return reply
          .status(202)
          .header('location', `/v1/member-imports/${job.id}`)
          .send(present(job));
      },
    );
    done();
  });

  app.get(
    '/v1/member-imports/:importId',
    {
      schema: {
        tags: ['members'],
        operationId: 'getMemberImport',
        summary: 'An import and its counts so far (total, imported, updated, failed)',
        headers: BrandScopeHeaders,
        params: MemberImportParams,
        response: { 200: MemberImportResponse, ...problemResponses(404) },
      },
    },
    async (request) => {
      const job = await imports.find(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.params.importId,
      );
      if (!job) throw importNotFound();
      return present(job);
    },
  );

  app.get(
    '/v1/member-imports/:importId/errors',
    {
      schema: {
        tags: ['members'],
        operationId: 'listMemberImportErrors',
        summary: 'The refused rows of an import, in file order: row number, field and reason',
        headers: BrandScopeHeaders,
        params: MemberImportParams,
        querystring: MemberImportErrorsQuery,
        response: { 200: MemberImportErrorPage, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { importId } = request.params;
      if (!(await imports.find(deps.db, request.headers['x-laoke-brand-id'], importId)))
        throw importNotFound();
      const page = pageRequest(request.query);
      const rows = await imports.errorsPage(deps.db, importId, page);
      return toPage(
        rows,
        page.limit,
        (row) => ({ key: row.recorded_at.toISOString(), id: row.id }),
        (row) => ({
          rowNumber: row.row_number,
          field: row.field,
          code: row.code,
          reason: row.reason,
        }),
      );
    },
  );
}
