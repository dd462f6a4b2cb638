export type * from './types/index.ts';
export * from './errors/index.ts';
