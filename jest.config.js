// One run of every test tier on a real PostgreSQL (see libs/testing/src/global-setup.ts).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
      // Resolve the @gongkai/* aliases at compile time (also for the global setup, which Jest
      // loads with plain require and no moduleNameMapper).
      baseUrl: __dirname,
      paths: {
        '@gongkai/domain': ['./libs/domain/src/index.ts'],
        '@gongkai/core': ['./libs/core/src/index.ts'],
        '@gongkai/database': ['./libs/database/src/index.ts'],
        '@gongkai/testing': ['./libs/testing/src/index.ts'],
      },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  // Nest 12 ships ES modules; Jest on Node 20 needs them compiled to CommonJS like our code.
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  ...shared, // the global setup and teardown are TypeScript too
  maxWorkers: 2,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'],
      testTimeout: 30000,
    },
  ],
};
