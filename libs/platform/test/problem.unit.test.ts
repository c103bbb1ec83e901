import type { FastifyError, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors/domain-error';
import { registerInputFormats } from '../src/http/input-formats';
import { Closed, Identifier, Money, Text } from '../src/http/input.schemas';
import { ProblemError, problemFor } from '../src/http/problem';

registerInputFormats();
const request = { url: '/v1/members/search?mobile=13912345678' } as FastifyRequest;

/** The error Fastify hands the error handler when a body fails its schema. */
function invalidBody(schema: TSchema, body: unknown): FastifyError {
  const issues = [...Compile(schema).Errors(body)];
  return Object.assign(new Error('invalid'), {
    statusCode: 400,
    validationContext: 'body',
    validation: issues,
  }) as unknown as FastifyError;
}

const Sale = Closed({
  storeId: Identifier(),
  amountFen: Money(),
  lines: Type.Array(Closed({ sku: Identifier(), name: Text() }), { minItems: 1 }),
});

describe('problem+json for bad input', () => {
  it('lists every failing field, each once, by its JSON property path', () => {
    const problem = problemFor(
      invalidBody(Sale, { storeId: ' ', amountFen: -1, lines: [{ sku: 'A', name: 'a\u0000' }] }),
      request,
    );
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'storeId' });
    expect(problem.errors).toEqual([
      {
        field: 'storeId',
        code: 'INVALID_FORMAT',
        message: expect.stringContaining('without spaces'),
      },
      { field: 'amountFen', code: 'OUT_OF_RANGE', message: 'must be at least 0' },
      {
        field: 'lines[0].name',
        code: 'INVALID_FORMAT',
        message: expect.stringContaining('control characters'),
      },
    ]);
  });

  it('names each missing property as its own field', () => {
    const problem = problemFor(invalidBody(Sale, {}), request);
    expect(problem.errors?.map((e) => [e.field, e.message])).toEqual([
      ['storeId', 'is required'],
      ['amountFen', 'is required'],
      ['lines', 'is required'],
    ]);
  });

  it('says in words that a property is not accepted', () => {
    const problem = problemFor(
      invalidBody(Sale, {
        storeId: 'S',
        amountFen: 1,
        lines: [{ sku: 'A', name: 'n' }],
        idNumber: 'x',
      }),
      request,
    );
    expect(problem.errors).toEqual([
      { field: 'idNumber', code: 'NOT_ACCEPTED', message: 'idNumber is not an accepted property' },
    ]);
  });

  it('refuses a name of blanks and says so', () => {
    const problem = problemFor(invalidBody(Text(), '   '), request);
    expect(problem.errors).toEqual([
      { field: 'body', code: 'INVALID_FORMAT', message: 'must not be blank' },
    ]);
  });

  it('never repeats the query string, which may carry personal data', () => {
    const problem = problemFor(invalidBody(Sale, {}), request);
    expect(problem.instance).toBe('/v1/members/search');
    expect(JSON.stringify(problem)).not.toContain('13912345678');
  });

  it('gives malformed JSON a stable code of ours', () => {
    const error = Object.assign(new Error('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    }) as FastifyError;
    expect(problemFor(error, request)).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
      field: 'body',
    });
  });

  it('never shows the internals of a server error', () => {
    const problem = problemFor(
      new Error('relation "purchases" does not exist') as FastifyError,
      request,
    );
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('does not exist');
  });

  it('keeps the code and field of a refusal decided by the HTTP layer', () => {
    expect(
      problemFor(new ProblemError(400, 'INVALID_CURSOR', 'forged', 'cursor'), request),
    ).toMatchObject({
      status: 400,
      code: 'INVALID_CURSOR',
      field: 'cursor',
      errors: [{ field: 'cursor', code: 'INVALID_CURSOR', message: 'forged' }],
    });
  });
});

describe('domain errors become one status per kind', () => {
  it.each([
    ['invalid', 400],
    ['not-found', 404],
    ['unknown-reference', 422],
    ['conflict', 409],
    ['rule', 422],
    ['unavailable', 503],
  ] as const)('%s → %i', (kind, status) => {
    const problem = problemFor(
      new DomainError('SOME_CODE', 'refused', { kind, field: 'x' }),
      request,
    );
    expect(problem).toMatchObject({
      status,
      code: 'SOME_CODE',
      type: 'https://laoke.dev/problems/some-code',
      field: 'x',
      errors: [{ field: 'x', code: 'SOME_CODE', message: 'refused' }],
    });
  });

  it('a conflict names the existing resource and where it is', () => {
    const error = new DomainError('MEMBER_ALREADY_REGISTERED', 'taken', {
      kind: 'conflict',
      field: 'mobile',
      existing: { type: 'member', id: 'm-1' },
    });
    expect(problemFor(error, request)).toMatchObject({
      status: 409,
      existingMemberId: 'm-1',
      existing: '/v1/members/m-1',
    });
  });
});
