import { Readable } from 'node:stream';
import { problemResponses, type HttpApp, type PiiCipher, type Database } from '@laoke/platform';
import { Type } from 'typebox';
import { membersToExport } from '../domain/export-members';
import { IMPORT_COLUMNS, listCell } from '../domain/imports/import-row';
import type { Member } from '../domain/member';
import { MemberExportQuery } from './member-imports.schemas';
import { CallerHeaders, mayViewPersonalData, memberView } from './member-view';

/** The import's columns, so an export of full-view data can be imported again, and the ids. */
const EXPORT_COLUMNS = ['memberId', 'cardNumber', ...IMPORT_COLUMNS, 'registeredAt'];

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with
 * an apostrophe (OWASP "CSV injection"), since names and tags are free text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(member: Member, pii: PiiCipher, fullView: boolean): string {
  const view = memberView(member, pii, fullView);
  const cells: Record<string, string | null> = {
    ...Object.fromEntries(
      Object.entries(view).map(([key, value]) => [key, typeof value === 'string' ? value : null]),
    ),
    productTypes: listCell(view.productTypes),
    colours: listCell(view.colours),
    habits: listCell(view.habits),
    tags: listCell(view.tags),
    importantDates: listCell(view.importantDates.map((d) => `${d.label}:${d.date}`)),
  };
  return `${EXPORT_COLUMNS.map((column) => csvCell(cells[column] ?? '')).join(',')}\r\n`;
}

/** Issue 6 item 10: a brand's (or a store's) members as CSV, masked as the caller's role says. */
export function registerMemberExportRoutes(
  app: HttpApp,
  deps: { db: Database; pii: PiiCipher },
): void {
  app.get(
    '/v1/member-exports/members.csv',
    {
      schema: {
        tags: ['members'],
        operationId: 'exportMembers',
        summary:
          'The brand’s members, or one store’s (storeId: its id or code), as CSV streamed row by row; personal data masked unless the caller’s role allows full view',
        headers: CallerHeaders,
        querystring: MemberExportQuery,
        response: {
          200: {
            description: 'One header row, then one member per row, in member id order',
            content: {
              'text/csv': {
                schema: Type.String({ $id: 'MembersCsv', description: 'UTF-8 CSV' }),
              },
            },
          },
          ...problemResponses(404),
        },
      },
    },
    async (request, reply) => {
      const fullView = mayViewPersonalData(request.headers['x-laoke-roles']);
      const rows = await membersToExport(
        deps.db,
        request.headers['x-laoke-brand-id'],
        request.query.storeId,
      );
      const { pii } = deps;
      async function* csv() {
        yield `${EXPORT_COLUMNS.join(',')}\r\n`;
        for await (const member of rows) yield csvLine(member, pii, fullView);
      }
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="members.csv"')
          // A stream is sent as it is read; the schema above only documents the text it yields.
          .send(Readable.from(csv()) as unknown as string)
      );
    },
  );
}
