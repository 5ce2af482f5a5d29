export * from './funnel.ts';
export * from './cohort.ts';
export * from './winloss.ts';
export * from './health.ts';
export * from './velocity.ts';
export * from './plan.ts';
export * from './channels.ts';
export * from './filter.ts';
export { JOURNEY_FACTS, JOURNEY_STAGES, journeyFactsSql, journeyStagesSql, lineUpProblem, lineUpSql } from './journey-stages.ts';
