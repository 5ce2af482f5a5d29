export * from './funnel.ts';
