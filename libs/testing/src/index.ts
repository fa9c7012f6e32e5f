export * from './frozen-clock';
export * from './test-app';
export * from './test-database';
export * from './request-factory';
export * from './identity-factory';
export * from './browser';
