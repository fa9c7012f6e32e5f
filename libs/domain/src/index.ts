export * from './errors/domain-error';
export * from './time/shanghai';
export * from './calendar';
export * from './clock';
export * from './identity';
export * from './requests';
export * from './files';
