export * from './file-type';
