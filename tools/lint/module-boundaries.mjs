import nx from '@nx/eslint-plugin';

/**
 * Which project may import which: the tags in each project.json, constrained here and nowhere
 * else. Every project carries `type:app|lib`, `scope:<service>|shared` and `kind:<what it is>`.
 */
const kindMayImport = {
  'kind:app': ['kind:contracts', 'kind:platform'],
  'kind:contracts': [],
  'kind:platform': ['kind:contracts'],
  'kind:devstack': ['kind:contracts', 'kind:platform'],
  'kind:testing': ['kind:contracts', 'kind:platform', 'kind:devstack'],
};

/** What a project's own tests (`<project>/test/**`) may import besides. */
const kindTestsMayAlsoImport = {
  'kind:app': ['kind:testing'],
  'kind:platform': ['kind:testing', 'kind:devstack'],
};

function nxBoundaries(tests) {
  const kindConstraints = Object.entries(kindMayImport).map(([sourceTag, kinds]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: tests
      ? [...kinds, ...(kindTestsMayAlsoImport[sourceTag] ?? [])]
      : kinds,
  }));
  return [
    'error',
    {
      allow: [],
      // Nx sees one project per folder, tests included: platform's own tests use the harness
      // built on platform. The kind constraints above still keep platform's source off both.
      ignoredCircularDependencies: [
        ['platform', 'testing'],
        ['platform', 'devstack'],
      ],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        ...kindConstraints,
      ],
    },
  ];
}

// kafkajs is in maintenance: swapping the client must stay a change to libs/platform alone.
const onlyPlatformTalksToKafka = {
  name: 'kafkajs',
  message: 'Only libs/platform talks to Kafka.',
};

/**
 * Root tests, benchmarks and scripts belong to no project, so Nx cannot check them: they reach a
 * library by its `@laoke/*` name and a service through its composition root, never its insides.
 */
const rootImportRules = [
  'error',
  {
    paths: [onlyPlatformTalksToKafka],
    patterns: [
      {
        regex: '(^|/)libs/[^/]+/src(/|$)',
        message: 'Import a library by its @laoke/* name.',
      },
      {
        regex: '(^|/)apps/[^/]+/src/(domain|data|http|kafka)(/|$)',
        message: 'Reach a service through its composition root, not its internals.',
      },
    ],
  },
];

export const moduleBoundaries = [
  {
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': nxBoundaries(false) },
  },
  {
    files: ['apps/*/test/**', 'libs/*/test/**'],
    rules: { '@nx/enforce-module-boundaries': nxBoundaries(true) },
  },
  {
    ignores: ['libs/platform/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [onlyPlatformTalksToKafka] }] },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': rootImportRules },
  },
];
