import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startStack, WORKSPACE_DIR, type RunningStack } from '@laoke/devstack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const bin = (name: string) => join(WORKSPACE_DIR, 'node_modules', '.bin', name);
const OUT_DIR = join(WORKSPACE_DIR, '.laoke', 'openapi');
const DOCUMENT_FILE = join(OUT_DIR, 'laoke.openapi.json');
const CLIENT_FILE = join(OUT_DIR, 'laoke-api.ts');

type DocumentedResponse = {
  $ref?: string;
  headers?: Record<string, object>;
  content?: Record<string, { schema: object }>;
};
type Operation = {
  operationId?: string;
  security?: unknown;
  requestBody?: DocumentedResponse;
  responses: Record<string, DocumentedResponse>;
};
type Document = {
  info: { version: string; license: { identifier: string } };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, DocumentedResponse> };
};

let stack: RunningStack;
let document: Document;
const operations = () => Object.values(document.paths).flatMap((item) => Object.values(item));
const resolved = (response: DocumentedResponse): DocumentedResponse =>
  response.$ref
    ? (document.components.responses[response.$ref.replace('#/components/responses/', '')] ?? {})
    : response;

beforeAll(async () => {
  stack = await startStack({
    mode: 'test',
    log: () => {},
    apiKey: 'openapi-key-0123456789',
    brandId: 'openapi-brand',
    postgresUrl: inject('postgresAdminUrl'),
    kafkaBrokers: inject('kafkaBrokers'),
  });
  const text = await (await fetch(`${stack.gatewayUrl}/docs/json`)).text();
  document = JSON.parse(text) as Document;
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(DOCUMENT_FILE, text);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the public OpenAPI document at the gateway /docs/json', () => {
  it('passes the redocly lint with the recommended rules and ours: 0 errors, 0 warnings', async () => {
    const lint = await run(bin('redocly'), ['lint', DOCUMENT_FILE, '--format=json'], {
      cwd: WORKSPACE_DIR,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((failed: { stdout: string }) => failed);
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };

    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('gives a TypeScript client, generated from it, that compiles against a typed first path', async () => {
    await run(bin('openapi-typescript'), [DOCUMENT_FILE, '--output', CLIENT_FILE], {
      cwd: WORKSPACE_DIR,
    });

    const compile = await run(bin('tsc'), ['-p', 'test/e2e/openapi-client/tsconfig.json'], {
      cwd: WORKSPACE_DIR,
    }).catch((failed: { stdout: string; code: number }) => failed);

    expect(compile.stdout).toBe('');
    expect(await readFile(CLIENT_FILE, 'utf8')).toContain('recordPurchase:');
  });

  it('names the gateway as its server and states version and licence as package.json does', async () => {
    const pkg = JSON.parse(await readFile(join(WORKSPACE_DIR, 'package.json'), 'utf8')) as {
      version: string;
      license: string;
    };
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(document.info.version).toBe(pkg.version);
    expect(document.info.license.identifier).toBe(pkg.license);
  });

  it('gives every operation its own camelCase operationId', () => {
    const ids = operations().map((o) => o.operationId);
    expect(ids).toEqual(
      expect.arrayContaining(['registerMember', 'recordPurchase', 'getPointsBalance']),
    );
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refers to a named schema for every body and response, never an inline one', () => {
    for (const operation of operations()) {
      const bodies = [operation.requestBody, ...Object.values(operation.responses).map(resolved)];
      for (const media of bodies.flatMap((body) => Object.values(body?.content ?? {})))
        expect(media.schema).toEqual({ $ref: expect.stringMatching(/^#\/components\/schemas\//) });
    }
  });

  it('documents 400, 401, 429 and 503 on every route (all take input), every error as problem+json', () => {
    for (const operation of operations()) {
      // Log-in, refresh and log-out carry their own proof and say so with `security: []`.
      const publicRoute = Array.isArray(operation.security) && operation.security.length === 0;
      if (!publicRoute) expect(operation.security).toEqual([{ apiKey: [] }]);
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['400', '401', '429', '503']),
      );
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(resolved(response).content).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
        if (status === '429' || status === '503')
          expect(resolved(response).headers).toHaveProperty('Retry-After');
      }
    }
  });
});
