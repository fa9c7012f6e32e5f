export * from './errors/domain-error';
export * from './time/shanghai';
export * from './calendar';
export * from './clock';
