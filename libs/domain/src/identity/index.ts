export * from './credit-code';
export * from './masking';
export * from './password-policy';
export * from './resident-id';
export * from './roles';
