// One run of every test tier on a real PostgreSQL (see libs/testing/src/global-setup.ts).
const aliases = {
  '^@gongkai/(domain|database|testing|web)$': '<rootDir>/libs/$1/src/index.ts',
  '^@gongkai/core/(.+)$': '<rootDir>/libs/core/src/$1/index.ts',
};

const shared = {
  testEnvironment: 'node',
  // Nest 12 ships ES modules; Jest on Node 20 needs them compiled to CommonJS like our code.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    '^.+\\.m?js$': '<rootDir>/libs/testing/esm-transformer.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: aliases,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  globalSetup: '<rootDir>/libs/testing/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/global-teardown.js',
  testTimeout: 30000,
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
    },
  ],
};
