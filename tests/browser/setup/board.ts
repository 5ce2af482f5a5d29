import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import { funnelSql, shapeFunnel, type FunnelRow } from '../../../metrics/index.ts';
import type { SetupContext } from '../setup-context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The devorg funnel broken down by source (no filter): a filter to one source must draw its segment. */
    devorgBySource: FunnelRow[];
    /** The generated demo dataset's funnel: what a wall shows after the demo sync replaces devorg. */
    demoFunnel: FunnelRow[];
  }
}

export default async function setup(project: TestProject, { conn, datasets }: SetupContext): Promise<void> {
  const manifest = await loadDataset(conn, datasets.devorg);
  const spec = { by: 'source' as const };
  project.provide('devorgBySource', shapeFunnel(queryRows(conn, funnelSql(spec, manifest.stage_model)), spec, manifest.stage_model, 'en'));
  const demo = await loadDataset(conn, datasets.demo);
  project.provide('demoFunnel', shapeFunnel(queryRows(conn, funnelSql({}, demo.stage_model)), {}, demo.stage_model, 'en'));
}
