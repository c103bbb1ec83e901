import type { FastifyError, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ProblemError, problemFor } from '../src/http/problem';

const request = { url: '/v1/purchases' } as FastifyRequest;
const fastifyError = (props: Partial<FastifyError>) =>
  Object.assign(new Error(props.message ?? 'x'), props) as FastifyError;

describe('problem+json for every error', () => {
  it('names each missing property as its own field', () => {
    const error = fastifyError({
      statusCode: 400,
      validationContext: 'body',
      validation: [
        {
          instancePath: '',
          params: { requiredProperties: ['storeId', 'lines'] },
          message: 'x',
          keyword: 'required',
          schemaPath: '#',
        },
      ],
    });
    const problem = problemFor(error, request);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'storeId' });
    expect(problem.errors).toEqual([
      { field: 'storeId', message: 'is required' },
      { field: 'lines', message: 'is required' },
    ]);
  });

  it('names a nested field by its path', () => {
    const error = fastifyError({
      statusCode: 400,
      validationContext: 'body',
      validation: [
        {
          instancePath: '/lines/0/quantity',
          params: {},
          message: 'must be >= 1',
          keyword: 'minimum',
          schemaPath: '#',
        },
      ],
    });
    expect(problemFor(error, request)).toMatchObject({
      field: 'lines.0.quantity',
      detail: 'lines.0.quantity must be >= 1',
    });
  });

  it('gives malformed JSON a stable code of ours', () => {
    const error = fastifyError({
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      message: 'Body is not valid JSON',
    });
    expect(problemFor(error, request)).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
      field: 'body',
    });
  });

  it('keeps the code and field of a refused request', () => {
    const problem = problemFor(
      new ProblemError(409, 'RECEIPT_ALREADY_RECORDED', 'recorded', 'receiptNumber'),
      request,
    );
    expect(problem).toMatchObject({
      status: 409,
      code: 'RECEIPT_ALREADY_RECORDED',
      field: 'receiptNumber',
      type: 'https://laoke.dev/problems/receipt-already-recorded',
    });
  });

  it('never shows the internals of a server error', () => {
    const problem = problemFor(
      fastifyError({ message: 'relation "purchases" does not exist' }),
      request,
    );
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('does not exist');
  });
});
