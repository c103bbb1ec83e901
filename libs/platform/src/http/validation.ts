import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

const INTEGER_TEXT = /^[+-]?\d+$/;

/** Whether `schema` is an integer (or an optional one), whose text must then be a whole number. */
const isIntegerSchema = (schema: unknown) =>
  typeof schema === 'object' &&
  schema !== null &&
  (schema as { type?: unknown }).type === 'integer';

/**
 * Converting `limit=1.5` to an integer would truncate it to 1; a value that is not written as a
 * whole number is left as text, so the check refuses it instead.
 */
function keepNonIntegerText(schema: TSchema, raw: unknown, converted: unknown): unknown {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  if (!properties || typeof raw !== 'object' || raw === null || typeof converted !== 'object')
    return converted;
  const result = { ...(converted as Record<string, unknown>) };
  for (const [name, property] of Object.entries(properties)) {
    const text = (raw as Record<string, unknown>)[name];
    if (isIntegerSchema(property) && typeof text === 'string' && !INTEGER_TEXT.test(text))
      result[name] = text;
  }
  return result;
}

/**
 * TypeBox checks every part of a request. Bodies are JSON and checked as sent; params, query
 * and headers arrive as text and are converted to the schema's types first.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  return (value: unknown) => {
    const candidate =
      httpPart === 'body'
        ? value
        : keepNonIntegerText(schema, value, Value.Convert(schema, Value.Clone(value)));
    if (validator.Check(candidate)) return { value: candidate };
    return { error: [...validator.Errors(candidate)] as unknown as Error };
  };
};
