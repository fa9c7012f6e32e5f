export * from './table3-layout';
export * from './table3';
export * from './table4';
export * from './narrative';
