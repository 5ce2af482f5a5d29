/**
 * What <revlens-health> should show on the demo dataset, computed in Node with the health metric
 * (metrics/health.ts) and a plain query for amounts, never by the element.
 */
import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import { healthSql, shapeHealth, type HealthResult, type HealthRow, type HealthSpec } from '../../../metrics/index.ts';
import type { Locale } from '../../../model/index.ts';
import type { SetupContext } from '../setup-context.ts';

/** The attributes of the second case the tests mount (k, period, flow range). */
const VARIANT = { k: '3', period: 'quarter', from: '2025-01-01', to: '2025-09-30' } as const;

export interface HealthExpected {
  flow: HealthRow[];
  time_in_stage: HealthRow[];
  /** The whole stagnation list in the metric's order, each row with `amount` (journeys.amount_base). */
  stagnant: HealthRow[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    healthDemoEn: HealthExpected;
    /** Labels in Chinese: the flow, and the first 50 of the list. */
    healthDemoZh: { flow: HealthRow[]; stagnant: HealthRow[] };
    /** Other attributes: what to set, the flow and the list's ids. */
    healthDemoVariant: { attrs: Record<string, string>; flow: HealthRow[]; stagnantIds: string[] };
  }
}

export default async function setup(project: TestProject, context: SetupContext): Promise<void> {
  const { conn } = context;
  const manifest = await loadDataset(conn, context.datasets.demo);
  const model = manifest.stage_model;
  // No as_of: the metric takes the latest time in the dataset, which the element passes explicitly.
  const health = (spec: HealthSpec, locale: Locale): HealthResult => {
    const sqls = healthSql(spec, model);
    const raw = { flow: queryRows(conn, sqls.flow), time_in_stage: queryRows(conn, sqls.time_in_stage), stagnant: queryRows(conn, sqls.stagnant) };
    return shapeHealth(raw, spec, model, locale);
  };
  const amounts = new Map(
    queryRows(conn, 'SELECT journey_id, amount_base FROM journeys').map((r) => [String(r.journey_id), r.amount_base === null ? null : Number(r.amount_base)]),
  );
  const withAmount = (rows: HealthRow[]) => rows.map((r) => ({ ...r, amount: amounts.get(String(r.journey_id)) ?? null }));

  const en = health({}, 'en');
  project.provide('healthDemoEn', { flow: en.flow, time_in_stage: en.time_in_stage, stagnant: withAmount(en.stagnant) });
  const zh = health({}, 'zh-CN');
  project.provide('healthDemoZh', { flow: zh.flow, stagnant: zh.stagnant.slice(0, 50) });
  const v = health({ k: Number(VARIANT.k), period: VARIANT.period, from: VARIANT.from, to: VARIANT.to }, 'en');
  project.provide('healthDemoVariant', { attrs: { ...VARIANT }, flow: v.flow, stagnantIds: v.stagnant.map((r) => String(r.journey_id)) });
}
