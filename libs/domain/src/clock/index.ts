export * from './clock-events';
export * from './request-clock';
