export * from './ledger';
export * from './policy';
export * from './plan';
export * from './first-deadline';
