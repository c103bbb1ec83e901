import { formatMessage } from './input-formats';

/** One failing input: a JSON property path (`lines[0].sku`) or a lower-case header name. */
export interface FieldError {
  field: string;
  code?: string;
  message: string;
}

/** A validation issue as TypeBox reports it. */
export interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** `/lines/0/sku` → `lines[0].sku` */
export function propertyPath(pointer: string, leaf?: string): string {
  const segments = pointer.split('/').slice(1).map(unescapePointer);
  if (leaf !== undefined) segments.push(leaf);
  return segments.reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
    '',
  );
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const PATTERN_MESSAGES: Record<string, string> = { '\\S': 'must not be blank' };

const limit = (issue: ValidationIssue) => String(issue.params?.['limit']);

function describe(issue: ValidationIssue): { code: string; message: string } {
  const params = issue.params ?? {};
  switch (issue.keyword) {
    case 'type':
      return {
        code: 'WRONG_TYPE',
        message: `must be ${TYPE_NAMES[String(params['type'])] ?? String(params['type'])}`,
      };
    case 'minLength':
      return limit(issue) === '1'
        ? { code: 'REQUIRED', message: 'must not be empty' }
        : { code: 'TOO_SHORT', message: `must have at least ${limit(issue)} characters` };
    case 'maxLength':
      return { code: 'TOO_LONG', message: `must have at most ${limit(issue)} characters` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { code: 'OUT_OF_RANGE', message: `must be at least ${limit(issue)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { code: 'OUT_OF_RANGE', message: `must be at most ${limit(issue)}` };
    case 'minItems':
      return { code: 'TOO_FEW', message: `must have at least ${limit(issue)} items` };
    case 'maxItems':
      return { code: 'TOO_MANY', message: `must have at most ${limit(issue)} items` };
    case 'format':
      return {
        code: 'INVALID_FORMAT',
        message: formatMessage(params['format']) ?? 'has the wrong form',
      };
    case 'pattern':
      return {
        code: 'INVALID_FORMAT',
        message: PATTERN_MESSAGES[String(params['pattern'])] ?? 'has the wrong form',
      };
    default:
      return { code: 'INVALID', message: issue.message ?? 'is not valid' };
  }
}

/** A property the schema does not allow is reported once, by name, in words a person reads. */
function toFieldErrors(issue: ValidationIssue, context: string): FieldError[] {
  const pointer = issue.instancePath ?? '';
  const named = (key: string) =>
    Array.isArray(issue.params?.[key]) ? (issue.params?.[key] as unknown[]).map(String) : [];
  if (issue.keyword === 'required')
    return named('requiredProperties').map((name) => ({
      field: propertyPath(pointer, name),
      code: 'REQUIRED',
      message: 'is required',
    }));
  if (issue.keyword === 'additionalProperties')
    return named('additionalProperties').map((name) => ({
      field: propertyPath(pointer, name),
      code: 'NOT_ACCEPTED',
      message: `${name} is not an accepted property`,
    }));
  // TypeBox reports an unaccepted property twice; the additionalProperties issue names it.
  if (issue.keyword === 'boolean') return [];
  return [{ field: propertyPath(pointer) || context, ...describe(issue) }];
}

/** Every failing field once, in the order the schema found them. */
export function fieldErrors(issues: ValidationIssue[], context: string): FieldError[] {
  const seen = new Set<string>();
  return issues
    .flatMap((issue) => toFieldErrors(issue, context))
    .filter(({ field }) => !seen.has(field) && Boolean(seen.add(field)));
}
