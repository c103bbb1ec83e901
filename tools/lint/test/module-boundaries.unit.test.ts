import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
const nxRule = '@nx/enforce-module-boundaries';
const importRule = 'no-restricted-imports';

interface ImportCase {
  case: string;
  file: string;
  imports: string;
}

interface RefusedImport extends ImportCase {
  rule: string;
  /** Nx reports a cycle before tags when the imported project already depends on the importer. */
  saying: string | RegExp;
}

let eslint: ESLint;

beforeAll(async () => {
  // The Nx rule reads the cached project graph, which `npm run lint` also refreshes first.
  await promisify(execFile)(resolve(repoRoot, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: repoRoot,
  });
  eslint = new ESLint({
    cwd: repoRoot,
    // Import rules need no types; the typed parser would load the whole program for each file.
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === nxRule || ruleId === importRule,
  });
  // Loads the config and its plugins once, before the cases.
  await eslint.calculateConfigForFile(resolve(repoRoot, 'apps/members/src/fixture.ts'));
}, 60_000);

/** Lints a one-import file as if it lived at `file`; no such file needs to exist. */
async function lintImport({ file, imports }: ImportCase) {
  const code = `import * as imported from '${imports}';\n\nexport default imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: resolve(repoRoot, file) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

const refused: RefusedImport[] = [
  {
    case: 'an app imports the dev stack',
    file: 'apps/members/src/fixture.ts',
    imports: '@laoke/devstack',
    rule: nxRule,
    saying: '"kind:app" can only depend on libs tagged with "kind:contracts", "kind:platform"',
  },
  {
    case: "an app's test imports the dev stack",
    file: 'apps/notifications/test/fixture.ts',
    imports: '@laoke/devstack',
    rule: nxRule,
    saying: '"kind:app" can only depend on',
  },
  {
    case: "an app's source imports the test harness",
    file: 'apps/loyalty/src/domain/fixture.ts',
    imports: '@laoke/testing',
    rule: nxRule,
    saying: '"kind:app" can only depend on',
  },
  {
    case: 'an app imports another app',
    file: 'apps/members/src/fixture.ts',
    imports: '../../loyalty/src/app',
    rule: nxRule,
    saying: 'relative or absolute path',
  },
  {
    case: 'contracts imports the platform',
    file: 'libs/contracts/src/fixture.ts',
    imports: '@laoke/platform',
    rule: nxRule,
    saying:
      /"kind:contracts" cannot depend on any libs with tags|Circular dependency between "contracts" and "platform"/,
  },
  {
    case: 'the platform imports the test harness',
    file: 'libs/platform/src/fixture.ts',
    imports: '@laoke/testing',
    rule: nxRule,
    saying: '"kind:platform" can only depend on libs tagged with "kind:contracts"',
  },
  {
    case: 'the platform imports the dev stack',
    file: 'libs/platform/src/messaging/fixture.ts',
    imports: '@laoke/devstack',
    rule: nxRule,
    saying: '"kind:platform" can only depend on',
  },
  {
    case: 'the dev stack imports the test harness',
    file: 'libs/devstack/src/fixture.ts',
    imports: '@laoke/testing',
    rule: nxRule,
    saying:
      /"kind:devstack" can only depend on|Circular dependency between "devstack" and "testing"/,
  },
  {
    case: 'a library imports an app',
    file: 'libs/testing/src/fixture.ts',
    imports: '../../../apps/members/src/app',
    rule: nxRule,
    saying: 'relative or absolute path',
  },
  {
    case: 'an app imports kafkajs',
    file: 'apps/loyalty/src/fixture.ts',
    imports: 'kafkajs',
    rule: importRule,
    saying: 'Only libs/platform talks to Kafka.',
  },
  {
    case: 'a root test imports kafkajs',
    file: 'test/e2e/fixture.ts',
    imports: 'kafkajs',
    rule: importRule,
    saying: 'Only libs/platform talks to Kafka.',
  },
  {
    case: "a root test imports a service's domain",
    file: 'test/integration/fixture.ts',
    imports: '../../apps/loyalty/src/domain/points',
    rule: importRule,
    saying: 'composition root',
  },
  {
    case: "a script imports a library's source by path",
    file: 'scripts/fixture.ts',
    imports: '../libs/devstack/src/stack',
    rule: importRule,
    saying: '@laoke/* name',
  },
];

const allowed: ImportCase[] = [
  {
    case: 'an app imports the platform',
    file: 'apps/members/src/fixture.ts',
    imports: '@laoke/platform',
  },
  {
    case: 'an app imports contracts',
    file: 'apps/campaigns/src/fixture.ts',
    imports: '@laoke/contracts',
  },
  {
    case: "an app's test imports the test harness",
    file: 'apps/members/test/fixture.ts',
    imports: '@laoke/testing',
  },
  {
    case: 'the platform imports contracts',
    file: 'libs/platform/src/fixture.ts',
    imports: '@laoke/contracts',
  },
  {
    case: 'the platform imports kafkajs',
    file: 'libs/platform/src/messaging/fixture.ts',
    imports: 'kafkajs',
  },
  {
    case: "the platform's test imports the dev stack",
    file: 'libs/platform/test/fixture.ts',
    imports: '@laoke/devstack',
  },
  {
    case: "the platform's test imports the test harness",
    file: 'libs/platform/test/fixture.ts',
    imports: '@laoke/testing',
  },
  {
    case: 'the test harness imports the dev stack',
    file: 'libs/testing/src/fixture.ts',
    imports: '@laoke/devstack',
  },
  {
    case: 'the test harness imports the platform',
    file: 'libs/testing/src/fixture.ts',
    imports: '@laoke/platform',
  },
  {
    case: 'the dev stack imports the platform',
    file: 'libs/devstack/src/fixture.ts',
    imports: '@laoke/platform',
  },
  {
    case: 'a root test imports the test harness',
    file: 'test/e2e/fixture.ts',
    imports: '@laoke/testing',
  },
  {
    case: "a root test imports a service's composition root",
    file: 'test/integration/fixture.ts',
    imports: '../../apps/members/src/app',
  },
  {
    case: 'a benchmark imports the dev stack',
    file: 'bench/fixture.ts',
    imports: '@laoke/devstack',
  },
  {
    case: 'a script imports the dev stack',
    file: 'scripts/fixture.ts',
    imports: '@laoke/devstack',
  },
];

function matching(text: string | RegExp): string {
  return (
    typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text)
  ) as string;
}

describe('module boundaries', () => {
  it.each(refused)('when $case, then lint refuses it', async (refusedImport) => {
    const messages = await lintImport(refusedImport);

    expect(messages).toContainEqual({
      ruleId: refusedImport.rule,
      message: matching(refusedImport.saying),
    });
  });

  it.each(allowed)('when $case, then lint accepts it', async (allowedImport) => {
    expect(await lintImport(allowedImport)).toEqual([]);
  });
});
