export * from './codes';
export * from './derive';
export * from './review';
export * from './remedies';
export * from './reply-items';
