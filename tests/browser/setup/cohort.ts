/**
 * What <revlens-cohort> should draw, computed in Node with the metric's own SQL on the same datasets the
 * browser loads (run by global-setup.ts). No as_of is passed: the metric's default is the dataset's latest
 * timestamp, which is what the element passes as `as_of` too.
 */
import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import { cohortSql, shapeCohort, type CohortRow, type CohortSpec } from '../../../metrics/index.ts';
import type { Locale } from '../../../model/index.ts';
import { EMPTY_RANGE } from '../cases.ts';
import type { SetupContext } from '../setup-context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** demo, month cohorts, stage Won (the element's defaults). */
    cohortDemoEn: CohortRow[];
    cohortDemoZh: CohortRow[];
    /** demo, quarter cohorts, stage sql. */
    cohortDemoQuarterSql: CohortRow[];
    /** demo, a created range without journeys. */
    cohortDemoEmptyRange: CohortRow[];
    /** xss, broken down by source (one value holds markup). */
    cohortXssBySource: CohortRow[];
  }
}

type Key = 'cohortDemoEn' | 'cohortDemoZh' | 'cohortDemoQuarterSql' | 'cohortDemoEmptyRange' | 'cohortXssBySource';

export default async function setup(project: TestProject, context: SetupContext): Promise<void> {
  const { conn, datasets } = context;
  const run = async (folder: string, runs: [Key, CohortSpec, Locale][]) => {
    const manifest = await loadDataset(conn, folder);
    for (const [key, spec, locale] of runs) {
      const rows = shapeCohort(queryRows(conn, cohortSql(spec, manifest.stage_model)), spec, manifest.stage_model, locale);
      project.provide(key, rows);
    }
  };
  await run(datasets.demo, [
    ['cohortDemoEn', {}, 'en'],
    ['cohortDemoZh', {}, 'zh-CN'],
    ['cohortDemoQuarterSql', { period: 'quarter', stage: 'sql' }, 'en'],
    ['cohortDemoEmptyRange', { ...EMPTY_RANGE }, 'en'],
  ]);
  await run(datasets.xss, [['cohortXssBySource', { by: 'source' }, 'en']]);
}
