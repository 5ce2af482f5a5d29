export * from './stages.ts';
export * from './tables.ts';
export * from './manifest.ts';
