export * from './clock-events';
export * from './request-clock';
export * from './deadline-status';
