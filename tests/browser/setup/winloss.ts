/**
 * What <revlens-winloss> should draw, computed in Node with the metric (winlossSql + shapeWinloss on the
 * Node engine) and counted by hand from the raw Salesforce CSV, never by the element.
 *
 * The shared xss dataset has no closed journeys with markup in them (its marked-up journeys are open), so
 * this file also writes winloss-xss: closed deals whose source and loss reason are markup.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TestProject } from 'vitest/node';
import { loadDataset, queryRows } from '../../../cli/duckdb.ts';
import { WINLOSS_SECTIONS, shapeWinloss, winlossSql, type WinlossRow, type WinlossSpec } from '../../../metrics/index.ts';
import { DEFAULT_STAGE_MODEL } from '../../../model/index.ts';
import type { Row } from '../../../sync/types.ts';
import { writeDataset } from '../../../sync/write-dataset.ts';
import { fixture } from '../../support/paths.ts';
import { EMPTY_RANGE } from '../cases.ts';
import type { SetupContext } from '../setup-context.ts';

/** What the element shows: rates per segment; reasons, deals and trend over all segments. */
export interface WinlossExpected {
  rates: WinlossRow[];
  reasons: WinlossRow[];
  deals: WinlossRow[];
  trend: WinlossRow[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    winlossDemoByRegion: WinlossExpected;
    winlossDemoQuarterly: WinlossExpected;
    winlossDevorg: WinlossExpected;
    winlossDevorgEmptyRange: WinlossExpected;
    /** Counted from salesforce-devorg/Opportunity.csv: IsWon TRUE, and IsClosed TRUE with IsWon FALSE. */
    winlossDevorgHand: { won: number; lost: number };
    winlossXssBySource: WinlossExpected;
    winlossEvil: { source: string; reason: string; expected: WinlossExpected };
  }
}

const EVIL_SOURCE = '<img src=x onerror="window.__pwnedWinloss=1">';
const EVIL_REASON = '<img src=x onerror="window.__pwnedWinloss=2">Price';

export default async function setup(project: TestProject, context: SetupContext): Promise<void> {
  const { conn, datasets } = context;
  const winloss = async (folder: string, spec: WinlossSpec): Promise<WinlossExpected> => {
    const manifest = await loadDataset(conn, folder);
    const model = manifest.stage_model;
    const run = (s: WinlossSpec) => {
      const sql = winlossSql(s, model);
      const raw = Object.fromEntries(WINLOSS_SECTIONS.map((k) => [k, queryRows(conn, sql[k])])) as Record<(typeof WINLOSS_SECTIONS)[number], Record<string, unknown>[]>;
      return shapeWinloss(raw, s, model);
    };
    const { by, ...overall } = spec;
    const all = run(overall);
    return { rates: by ? run(spec).rates : all.rates, reasons: all.reasons, deals: all.deals, trend: all.trend };
  };

  project.provide('winlossDemoByRegion', await winloss(datasets.demo, { by: 'region' }));
  project.provide('winlossDemoQuarterly', await winloss(datasets.demo, { by: 'industry', from: '2025-01-01', to: '2025-12-31', period: 'quarter' }));
  project.provide('winlossDevorg', await winloss(datasets.devorg, {}));
  project.provide('winlossDevorgEmptyRange', await winloss(datasets.devorg, EMPTY_RANGE));
  project.provide('winlossXssBySource', await winloss(datasets.xss, { by: 'source' }));

  const csv = parse(await readFile(join(fixture('salesforce-devorg'), 'Opportunity.csv')), { columns: true, bom: true }) as Record<string, string>[];
  project.provide('winlossDevorgHand', {
    won: csv.filter((r) => r.IsWon === 'TRUE').length,
    lost: csv.filter((r) => r.IsClosed === 'TRUE' && r.IsWon !== 'TRUE').length,
  });

  const evil = join(context.data, 'winloss-xss');
  await writeEvilDataset(evil);
  project.provide('winlossEvil', { source: EVIL_SOURCE, reason: EVIL_REASON, expected: await winloss(evil, { by: 'source' }) });
}

/** Closed deals whose source and loss reason are markup: 2 won and 3 lost from EVIL_SOURCE, 1 won and 1 lost from Web. */
async function writeEvilDataset(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const journeys: Row[] = [];
  const stageEvents: Row[] = [];
  const day = Date.UTC(2025, 0, 6);
  const add = (source: string, outcome: 'won' | 'lost', reason: string | null) => {
    const id = `w${journeys.length + 1}`;
    const created = day + journeys.length * 86_400_000;
    const stages = ['lead', 'opportunity', ...(outcome === 'won' ? ['won'] : [])];
    journeys.push({
      journey_id: id,
      created_at: created,
      closed_at: created + 20 * 86_400_000,
      stage: stages.at(-1)!,
      outcome,
      amount: 1000 * (journeys.length + 1),
      amount_base: 1000 * (journeys.length + 1),
      source,
      loss_reason: reason,
    });
    stages.forEach((stage, i) => stageEvents.push({ journey_id: id, stage, entered_at: created + i * 86_400_000 }));
  };
  add(EVIL_SOURCE, 'won', null);
  add(EVIL_SOURCE, 'won', null);
  add(EVIL_SOURCE, 'lost', EVIL_REASON);
  add(EVIL_SOURCE, 'lost', EVIL_REASON);
  add(EVIL_SOURCE, 'lost', 'Timing');
  add('Web', 'won', null);
  add('Web', 'lost', EVIL_REASON);
  await writeDataset(dir, {
    source: 'test',
    generator: 'tests/browser/setup/winloss.ts',
    stageModel: DEFAULT_STAGE_MODEL,
    journeys,
    stageEvents,
    rejects: [],
    sources: [],
    unmappedStages: [],
  });
}
