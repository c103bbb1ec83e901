import { fieldErrors, type ValidationIssue } from '@laoke/platform';
import { Compile } from 'typebox/compile';
import { ImportRowSchema } from '../../http/member-imports.schemas';
import type { RegistrationInput } from '../member';

/** One bad field of one row, as the import's report lists it. */
export interface RowError {
  rowNumber: number;
  field: string;
  code: string;
  reason: string;
}

/** A staged row: its number in the file and what it said, not yet validated. */
export interface StagedRow {
  rowNumber: number;
  values: unknown;
  /** Why the row could not even be read (a line that is not JSON, a short CSV record). */
  problem?: Omit<RowError, 'rowNumber'>;
}

/** The columns a CSV file may have, in the order an export writes them. */
export const IMPORT_COLUMNS = Object.keys(ImportRowSchema.properties);

const LIST_COLUMNS = new Set(['productTypes', 'colours', 'habits', 'tags']);
const LIST_SEPARATOR = '|';

/** `结婚纪念日:2015-05-20` → { label, date }; the date is what follows the last colon. */
function importantDate(text: string) {
  const colon = text.lastIndexOf(':');
  return colon < 0
    ? { label: text, date: '' }
    : { label: text.slice(0, colon), date: text.slice(colon + 1) };
}

/**
 * A CSV record as the JSON a registration would send: an empty cell is an absent field, lists
 * are `|`-separated, important dates `label:YYYY-MM-DD|…`. NDJSON rows are that JSON already.
 */
export function csvRecordToRow(record: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === undefined || cell === '') continue;
    const items = () =>
      cell
        .split(LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    if (LIST_COLUMNS.has(column)) row[column] = items();
    else if (column === 'importantDates') row[column] = items().map(importantDate);
    else row[column] = cell;
  }
  return row;
}

export const listCell = (values: string[]) => values.join(LIST_SEPARATOR);

const checkRow = Compile(ImportRowSchema);

/**
 * R1: a row passes the same schema as a registration (mobile format, ID number checksum, dates,
 * lengths, no unknown field); every failing field is reported with the row's number.
 */
export function validateRow(
  row: StagedRow,
): { ok: true; input: RegistrationInput } | { ok: false; errors: RowError[] } {
  if (row.problem) return { ok: false, errors: [{ rowNumber: row.rowNumber, ...row.problem }] };
  if (checkRow.Check(row.values)) return { ok: true, input: row.values };
  const issues = [...checkRow.Errors(row.values)] as unknown as ValidationIssue[];
  return {
    ok: false,
    errors: fieldErrors(issues, 'row').map((error) => ({
      rowNumber: row.rowNumber,
      field: error.field,
      code: error.code ?? 'INVALID',
      reason: error.message,
    })),
  };
}
