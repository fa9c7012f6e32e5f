/**
 * Architecture rules (docs/architecture.md). Imports run downhill only:
 * apps → libs/core features → libs/core/platform → libs/domain.
 * Inside libs/core every folder below is a unit with its own index.ts (its public surface); a unit
 * may import only units listed before it, and only through their index.ts.
 */
const CORE = '^libs/core/src/';
/** The units of libs/core, lowest first. `/*` marks a unit that includes its sub-folders. */
const UNITS = [
  'platform/*',
  'calendar',
  'agencies',
  'identity',
  'alerts',
  'request-record',
  'deadlines',
  'deadlines/calendar-publishing',
  'requests/moves',
  'attachments',
  'letters/*',
  'notifications',
  'requests/intake',
  'requests/queries',
  'requests/tracking',
  'handling/*',
  'archive',
  'reports/*',
];
const unitPath = (u) => (u.endsWith('/*') ? `${CORE}${u.slice(0, -2)}/` : `${CORE}${u}/[^/]+$`);
const layerRules = UNITS.flatMap((unit, i) => {
  // Unit tests may bring several units together; the rules are about the code that runs.
  const from = { path: unitPath(unit), pathNot: '\\.spec\\.ts$' };
  const above = UNITS.slice(i + 1).map(unitPath);
  return [
    ...(above.length
      ? [
          {
            name: `layer-${unit.replace(/[/*]+/g, '-').replace(/-$/, '')}`,
            comment: `libs/core/src/${unit.replace('/*', '')} may import only the units listed before it.`,
            severity: 'error',
            from,
            to: { path: above },
          },
        ]
      : []),
    {
      name: `public-surface-${unit.replace(/[/*]+/g, '-').replace(/-$/, '')}`,
      comment: 'Another unit is reached only through its index.ts.',
      severity: 'error',
      from,
      to: { path: CORE, pathNot: [unitPath(unit), '/index\\.ts$'] },
    },
  ];
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'outside-core-through-index',
      comment: 'Apps and the other libraries use libs/core units through @gongkai/core/<unit> only.',
      severity: 'error',
      from: { path: '^(apps|libs/(database|testing))/' },
      to: { path: CORE, pathNot: '/index\\.ts$' },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds the rules of the Regulations: no Nest, no TypeORM, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: {
        path: [
          'node_modules/@nestjs',
          'node_modules/typeorm',
          'node_modules/pg',
          'node_modules/express',
          '^(node:)?(fs|fs/promises|net|http|https|child_process|dgram|dns|tls|worker_threads|cluster)$',
          '^libs/(core|database|testing)',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-node-builtins-io',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|dgram|dns|tls|worker_threads|cluster)',
      },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'core-does-not-import-database-testing-or-web',
      comment: 'libs/database and libs/web build on core; core must not depend back on them.',
      severity: 'error',
      from: { path: '^libs/(core|domain)' },
      to: { path: '^libs/(database|testing|web)' },
    },
    {
      name: 'apps-do-not-import-testing',
      severity: 'error',
      from: { path: '^apps/', pathNot: '\\.(e2e-)?spec\\.ts$' },
      to: { path: '^libs/testing' },
    },
    {
      name: 'apps-are-independent',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/' },
  },
};
