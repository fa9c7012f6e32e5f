/** Architecture rules (STYLE.md): the domain stays pure; libraries do not reach into apps. */
module.exports = {
  forbidden: [
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
      name: 'core-does-not-import-database-or-testing',
      comment: 'libs/database builds on core (entities, seeds); core must not depend back on it.',
      severity: 'error',
      from: { path: '^libs/core' },
      to: { path: '^libs/(database|testing)' },
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
