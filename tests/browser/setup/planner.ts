/**
 * What <revlens-planner> should show on the demo dataset: the Node plan metric (metrics/plan.ts on the Node
 * engine) for two targets over a fixed history, and for a history with journeys but no won deal.
 */
import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import { planSql, shapePlan, type PlanRow, type PlanSpec } from '../../../metrics/index.ts';
import type { Locale } from '../../../model/index.ts';
import type { SetupContext } from '../setup-context.ts';

/** The history the tests plan from, the targets they type, and a history with journeys but no won deal. */
const PLAN_CASES = {
  history: { from: '2025-01-01', to: '2025-12-31' },
  targets: [1_000_000, 2_500_000],
  noWins: { from: '2024-07-01', to: '2024-09-30' },
};

declare module 'vitest' {
  export interface ProvidedContext {
    planCases: typeof PLAN_CASES;
    planEn: PlanRow[];
    planZh: PlanRow[];
    planEnBigger: PlanRow[];
    planNoWins: PlanRow[];
  }
}

export default async function setup(project: TestProject, context: SetupContext): Promise<void> {
  const manifest = await loadDataset(context.conn, context.datasets.demo);
  const plan = (spec: PlanSpec, locale: Locale) =>
    shapePlan(queryRows(context.conn, planSql(spec, manifest.stage_model)), spec, manifest.stage_model, locale);
  const { history, targets, noWins } = PLAN_CASES;
  project.provide('planCases', PLAN_CASES);
  project.provide('planEn', plan({ target: targets[0]!, ...history }, 'en'));
  project.provide('planZh', plan({ target: targets[0]!, ...history }, 'zh-CN'));
  project.provide('planEnBigger', plan({ target: targets[1]!, ...history }, 'en'));
  project.provide('planNoWins', plan({ target: targets[0]!, ...noWins }, 'en'));
}
