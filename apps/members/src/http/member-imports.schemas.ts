import { Closed, Identifier, PageQuery, Uuid, pageOf } from '@laoke/platform';
import { Type } from 'typebox';
import { RegisterMemberBody } from './members.schemas';

const { referrer: _referrer, ...registrationFields } = RegisterMemberBody.properties;

/** One imported row: exactly what a registration accepts (R1), without a referrer. */
export const ImportRowSchema = Closed(registrationFields, { $id: 'MemberImportRow' });

export const ImportStatus = Type.Enum(['queued', 'running', 'completed'], {
  description: 'queued until a worker takes it; running while rows are imported',
});

export const MemberImportResponse = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: ImportStatus,
    format: Type.Enum(['csv', 'ndjson']),
    counts: Type.Object({
      total: Type.Integer({ description: 'Rows in the file' }),
      imported: Type.Integer({ description: 'New members' }),
      updated: Type.Integer({ description: 'Existing members (same mobile) updated' }),
      failed: Type.Integer({ description: 'Rows refused; see the errors' }),
    }),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'MemberImport' },
);

export const MemberImportError = Type.Object(
  {
    rowNumber: Type.Integer({
      description: 'CSV: the data row (1 = the first after the header); NDJSON: the line',
    }),
    field: Type.String({ description: 'The column at fault, or `row` for the row as a whole' }),
    code: Type.String(),
    reason: Type.String(),
  },
  { $id: 'MemberImportError' },
);

export const MemberImportErrorPage = pageOf(MemberImportError);

export const MemberImportParams = Closed({ importId: Uuid() });
export const MemberImportErrorsQuery = PageQuery;

export const MemberExportQuery = Closed({
  storeId: Type.Optional(Identifier({ description: 'Only the members of this home store' })),
});
