export * from './applicant';
export * from './receipt-date';
export * from './request-number';
export * from './request-state';
export * from './transitions';
export * from './application';
export * from './worklist';
export * from './separation-of-duties';
