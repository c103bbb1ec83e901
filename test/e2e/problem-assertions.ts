import { expect } from 'vitest';
import type { gatewayClient } from './gateway-client';

type Response = Awaited<ReturnType<ReturnType<typeof gatewayClient>['call']>>;

/** A problem+json of this status; when a field is given, the problem names it first. */
export function expectProblem(response: Response, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/problem+json');
  if (field)
    expect(response.body).toMatchObject({ field, errors: [expect.objectContaining({ field })] });
}
