// The wire contract in code: pure TypeScript, no Node or DOM imports, shared by bridge, simulator and PWA.
export * from './aggregate.ts';
export * from './derive.ts';
export * from './parse.ts';
export * from './schema.ts';
export type * from './types.ts';
