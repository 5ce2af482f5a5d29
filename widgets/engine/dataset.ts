import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { tableToIPC, type Table } from 'apache-arrow';
import { latestMoment, selectJourneys, stageFacts, type JourneyColumns, type StageFacts } from '../../metrics/journey-columns.ts';
import type { JourneyFilter } from '../../metrics/filter.ts';
import { JOURNEY_FACTS, JOURNEY_STAGES, journeyFactsSql, journeyStagesSql, lineUpProblem } from '../../metrics/journey-stages.ts';
import { parseManifest, type Manifest, type TableName } from '../../model/index.ts';
import type { Steps } from '../../metrics/steps.ts';
import { getDuckDB } from './duckdb.ts';
import { eventColumns, readEvents } from './event-columns.ts';
import { readJourneys } from './journey-columns.ts';
import { nextTask, paced, whileClicking, type Job, type Paced } from './pace.ts';

export type Row = Record<string, unknown>;

/** A dataset loaded into the page's DuckDB, in a schema of its own. */
export interface Dataset {
  /** Absolute URL of the dataset's manifest.json. */
  readonly url: string;
  readonly manifest: Manifest;
  /** The DuckDB schema holding the tables and journey_stages / journey_facts; queries run with it as the default. */
  readonly schema: string;
  /** The dataset's "as of" moment (ISO): its latest timestamp; null when it has none. */
  asOf(): Promise<string | null>;
  /** Settles when the page has read the dataset (stage facts and journey columns); fails with a file's problem. */
  readonly loaded: Promise<void>;
  /**
   * Runs SQL against this dataset; rows as plain objects (counts come back as BigInt). The rows of an SQL text are
   * kept and shared by every caller (the tables do not change): treat them as read-only, and pass keep = false
   * for a large one-off result or a statement that changes tables.
   */
  query(sql: string, keep?: boolean): Promise<Row[]>;
  /**
   * The name of a temporary table holding the rows of `sql`, made once per SQL text: a long list sorted and paged
   * again and again is computed once. The last KEPT_TABLES asked for are kept; ask again before each use.
   */
  table(sql: string): Promise<string>;
  /** The journeys' stage facts (journey_stages) in the page, from the stage events: ready before DuckDB has started. */
  stageFacts(): Promise<StageFacts>;
  /**
   * The journeys as typed arrays in the page (metrics/journey-columns.ts), once the journeys file is read there:
   * what the metrics counted in the page read, with no DuckDB to wait for.
   */
  journeys(): Promise<JourneyColumns>;
  /**
   * A result counted in the page by `count` (from stageFacts or journeys), kept per key as query results are.
   * The count runs in a task of its own, after the queries the same click posts to DuckDB: the worker starts on
   * those while the page counts. The key must name everything the result depends on.
   */
  counted<T>(key: string, count: () => T | Promise<T>): Promise<T>;
  /**
   * `counted` over the journeys `filter` selects: `count` gets the journeys' columns and the selection (row numbers,
   * kept per filter: a board's widgets share them), and the result is kept per name, settings (everything else it
   * depends on) and filter. It counts in steps (metrics/steps.ts): counted ahead, it gives way to clicks (pace.ts).
   */
  countSelected<T>(name: string, settings: unknown, filter: JourneyFilter, count: (journeys: JourneyColumns, selected: Uint32Array) => Steps<T>): Promise<T>;
  /**
   * This dataset with its counts kept apart (the last AHEAD_KEPT) until asked for without it: what a board counts
   * ahead of clicks does not push out the results of filters shown before.
   */
  ahead(): Dataset;
  /** Drops the tables and the connection. */
  close(): Promise<void>;
}

const datasets = new Map<string, Promise<Dataset>>();
let nextId = 0;

/** Loads a dataset once per absolute manifest URL; every element pointing at it shares the result. */
export function openDataset(manifestUrl: string): Promise<Dataset> {
  const url = new URL(manifestUrl, document.baseURI).href;
  let dataset = datasets.get(url);
  if (!dataset) {
    dataset = load(url);
    datasets.set(url, dataset);
    // Failures are not cached: the next element (or a retry after publishing the dataset) tries again.
    const mine = dataset;
    const forget = () => {
      if (datasets.get(url) === mine) datasets.delete(url);
    };
    mine.then((d) => d.loaded).catch(forget);
  }
  return dataset;
}

/** Forgets a dataset so the next openDataset fetches it again (e.g. after a new sync landed). */
export async function closeDataset(manifestUrl: string): Promise<void> {
  const url = new URL(manifestUrl, document.baseURI).href;
  const dataset = datasets.get(url);
  datasets.delete(url);
  await (await dataset?.catch(() => undefined))?.close();
}

/**
 * Looks for a new sync of an open dataset: when its manifest names other files, loads the new one beside
 * the old (elements keep drawing the old meanwhile) and makes it the one openDataset returns. `retire`
 * drops the old one once its elements have moved over.
 */
export function refreshDataset(manifestUrl: string): Promise<Refresh> {
  const url = new URL(manifestUrl, document.baseURI).href;
  // Elements polling the same dataset share one look at the server.
  let pending = refreshing.get(url);
  if (!pending) {
    pending = refresh(url).finally(() => refreshing.delete(url));
    refreshing.set(url, pending);
  }
  return pending;
}

interface Refresh {
  changed: boolean;
  retire(): Promise<void>;
}
const refreshing = new Map<string, Promise<Refresh>>();

async function refresh(url: string): Promise<Refresh> {
  const current = await datasets.get(url)?.catch(() => undefined);
  const manifest = parseManifest(await fetchJson(url), url);
  const same = current && JSON.stringify(current.manifest.tables) === JSON.stringify(manifest.tables);
  if (same) return { changed: false, retire: async () => {} };
  const next = load(url, manifest);
  await (await next).loaded; // a broken new sync leaves the old dataset in place (and throws)
  datasets.set(url, next);
  let retired: Promise<void> | undefined;
  return { changed: true, retire: () => (retired ??= current?.close().catch(() => undefined) ?? Promise.resolve()) };
}

/** A dataset's tables in DuckDB: the connection (its schema the default), and when each table is in. */
interface Duck {
  connected: Promise<AsyncDuckDBConnection>;
  ready: Record<TableName | typeof JOURNEY_STAGES | typeof JOURNEY_FACTS, Promise<void>>;
}

/**
 * Loads a dataset into the page: the stage events are read into stage facts (journey_stages as typed arrays) as
 * soon as they arrive, and the dataset is returned then: the plain funnel is counted from those facts. The journeys
 * are read into typed arrays next (`loaded`), and the metrics counted in the page read those. Each file is checked
 * (size, checksum, the row count read, the tables lining up); a broken one fails the dataset.
 *
 * DuckDB starts with the first query (the health widget's, a page's own SQL), not before: the widgets counted in
 * the page need none of it, and a board without such a widget saves its start (1.5–4 s of WASM on the page's
 * cores) and its copy of the tables. It fetches the files again (named by their content, the browser's cache has
 * them) and loads them: stage_events, journey_stages derived from it, spend, journeys, then the journey_facts view;
 * a query waits only for the tables it names. A table that fails to load fails the queries, and leaves nothing
 * behind in DuckDB.
 */
async function load(url: string, known?: Manifest): Promise<Dataset> {
  const manifest = known ?? parseManifest(await fetchJson(url), url);
  const model = manifest.stage_model;
  const fileOf = (name: TableName) => new URL(manifest.tables[name].file, url).href;
  const fetchOf = (name: TableName) => timed(`revlens:fetch:${name}`, () => fetchTable(url, manifest, name));
  // One file after the other: the journeys (the larger) download while the page counts the first funnel.
  const eventsFile = fetchOf('stage_events');
  const journeysFile = eventsFile.then(() => fetchOf('journeys'));
  journeysFile.catch(() => {}); // through columns

  // The stage events are read here first: their problems fail openDataset itself.
  const { fileUrl, bytes } = await eventsFile;
  let events: Table | undefined;
  try {
    events = readEvents(bytes);
  } catch (e) {
    throw unreadable(fileUrl, e);
  }
  if (events.numRows !== manifest.tables.stage_events.rows) throw miscounted(fileUrl, events.numRows, manifest.tables.stage_events.rows);
  // journey_stages, in the page: the plain funnel is counted from it, and every metric counted in the page reads it.
  const journeyCount = manifest.tables.journeys.rows;
  const facts = await timed('revlens:count:stage-facts', async () => stageFacts(model, journeyCount, eventColumns(events!, model)));
  events = undefined; // the closures below share this scope: the file's bytes would live as long as the dataset
  const files = { journeys: fileOf('journeys'), stage_events: fileUrl };
  const orphaned = lineUpProblem({ misplaced: 0, orphans: facts.orphans }, files);
  if (orphaned) throw new Error(orphaned);

  const columns = journeysFile.then(({ fileUrl: file, bytes: journeyBytes }) =>
    timed('revlens:read:journeys', async () => {
      let read;
      try {
        read = readJourneys(journeyBytes, facts);
      } catch (e) {
        throw unreadable(file, e);
      }
      if (read.rows !== journeyCount) throw miscounted(file, read.rows, journeyCount);
      const problem = lineUpProblem({ misplaced: read.misplaced, orphans: 0 }, files);
      if (problem) throw new Error(problem);
      return read.columns;
    }),
  );
  const loaded = columns.then(() => undefined);
  loaded.catch(() => {}); // widgets hear it

  const schema = `revlens_ds${++nextId}`;
  let duck: Duck | undefined;
  const duckdb = () => {
    if (duck) return duck;
    const connected = timed('revlens:duckdb-start', getDuckDB).then(async (db) => {
      const conn = await db.connect();
      await conn.query(`CREATE SCHEMA ${schema}`);
      await conn.query(`SET schema = '${schema}'`);
      return conn;
    });
    const ready = {} as Duck['ready'];
    let previous: Promise<unknown> = connected;
    for (const name of LOAD_ORDER) {
      previous = ready[name] = previous.then(async () => {
        const conn = await connected;
        const file = await fetchOf(name);
        try {
          // The stage events with the columns metrics read only: the ids and CRM names would double the ingest.
          const ipc = name === 'stage_events' ? tableToIPC(readEvents(file.bytes), 'stream') : file.bytes;
          await timed(`revlens:ingest:${name}`, () => conn.insertArrowFromIPCStream(ipc, { name, schema, create: true }));
        } catch (e) {
          throw unreadable(file.fileUrl, e);
        }
        const seen = Number((await rows(conn, `SELECT count(*) AS n FROM ${schema}.${name}`))[0]?.n);
        const expected = manifest.tables[name].rows;
        if (seen !== expected) throw miscounted(file.fileUrl, seen, expected);
      });
    }
    // Derived once here so that no query groups the stage events again (metrics/journey-stages.ts).
    ready.journey_stages = ready.stage_events.then(async () => {
      await timed(`revlens:derive:${JOURNEY_STAGES}`, async () => (await connected).query(journeyStagesSql(model, journeyCount)));
    });
    // The tables line up: the page checked the same bytes (journey_key order, no orphan events).
    ready.journey_facts = Promise.all([ready.journeys, ready.journey_stages]).then(async () => (await connected).query(journeyFactsSql(model)).then(() => undefined));
    Promise.all(Object.values(ready)).catch(async () => {
      const conn = await connected.catch(() => undefined);
      await conn?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await conn?.close().catch(() => undefined);
    });
    return (duck = { connected, ready });
  };

  let asOf: Promise<string | null> | undefined;
  // Results by SQL, as Mosaic's coordinator keeps them: the tables never change, so clicking back to a filter
  // seen before asks DuckDB nothing. Failures are not kept; past CACHED results, the one least recently asked for goes.
  const results = new Map<string, Promise<Row[]>>();
  const fromDuckDB = (sql: string) => {
    const { connected, ready } = duckdb();
    return Promise.all(([...LOAD_ORDER, JOURNEY_STAGES, JOURNEY_FACTS] as const).filter((t) => new RegExp(`\\b${t}\\b`).test(sql)).map((t) => ready[t])).then(
      async () => rows(await connected, sql),
    );
  };
  const query = (sql: string, keep = true) => (keep ? remember(results, sql, () => fromDuckDB(sql), CACHED) : fromDuckDB(sql));
  // Selections by filter: each widget of a board asks for the one the board's filter makes.
  // A click's is made at once; one made ahead, in steps, until a click needs it.
  const selections = new Map<string, Paced<Uint32Array>>();
  const select = (filter: JourneyFilter, urgent: boolean) => {
    const made = remember(selections, JSON.stringify(filter), () => paced(urgent, async (job) => job.run(selectJourneys(await columns, filter, model))), SELECTIONS);
    if (urgent) made.job.hurry();
    return made;
  };
  const countedResults = new Map<string, Paced<unknown>>();
  const countedAhead = new Map<string, Paced<unknown>>();
  const counted = <T>(ahead: boolean, key: string, count: (job: Job) => Promise<T>): Promise<T> => {
    const early = countedAhead.get(key);
    // Counted ahead, now asked for: kept with the others from here on, and finished at once.
    if (early && !ahead) {
      countedAhead.delete(key);
      early.job.hurry();
    }
    if (ahead && countedResults.has(key)) return countedResults.get(key) as Promise<T>;
    const measure = `revlens:${ahead ? 'count-ahead' : 'count'}:${key.split(' ')[0]}`;
    const make = () => early ?? paced(!ahead, (job) => nextTask().then(() => timed(measure, () => count(job))));
    const result = remember(ahead ? countedAhead : countedResults, key, make, ahead ? AHEAD_KEPT : COUNTED) as Paced<T>;
    return ahead ? result : whileClicking(result);
  };
  // Tables by SQL (see Dataset.table); one that goes is dropped.
  const tables = new Map<string, Promise<string>>();
  const table = (sql: string) =>
    remember(
      tables,
      sql,
      () => {
        const made = `revlens_kept${++nextId}`;
        return query(`CREATE TEMP TABLE ${made} AS ${sql}`, false).then(() => made);
      },
      KEPT_TABLES,
      (gone) => gone.then((t) => query(`DROP TABLE ${t}`, false)).catch(() => undefined),
    );
  const dataset = (ahead: boolean): Dataset => ({
    url,
    manifest,
    schema,
    loaded,
    query,
    table,
    stageFacts: async () => facts,
    journeys: () => columns,
    counted: (key, count) => counted(ahead, key, async () => count()),
    countSelected: (name, settings, filter, count) =>
      counted(ahead, `${name} ${JSON.stringify([settings, filter])}`, async (job) => {
        const c = await columns;
        const selection = select(filter, job.urgent);
        job.pull(selection.job);
        return job.run(count(c, await selection));
      }),
    ahead: () => dataset(true),
    asOf: () =>
      // The metrics' own default as-of (asOfCte): the latest timestamp anywhere in the dataset.
      (asOf ??= columns.then((c) => {
        const latest = latestMoment(c);
        return latest === latest ? new Date(latest).toISOString() : null;
      })),
    async close() {
      // A DuckDB that failed to load has already dropped its tables (above); one never started has none.
      const conn = await duck?.connected.catch(() => undefined);
      if (!duck || !conn || !(await Promise.all(Object.values(duck.ready)).then(() => true, () => false))) return;
      await conn.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await conn.close();
    },
  });
  return dataset(false);
}

const unreadable = (fileUrl: string, e: unknown) => new Error(`${fileUrl} is not a readable Arrow IPC stream (${(e as Error).message}): sync the dataset again`);
const miscounted = (fileUrl: string, seen: number, expected: number) => new Error(`${fileUrl} holds ${seen} rows, manifest.json says ${expected}: sync the dataset again`);

/**
 * What `kept` holds for `key`, made when it holds none, and now the most recently asked for; past `limit` entries,
 * the least recently asked for goes (to `gone`). A failure is not kept.
 */
function remember<P extends Promise<unknown>>(kept: Map<string, P>, key: string, make: () => P, limit: number, gone?: (value: P) => void): P {
  let value = kept.get(key);
  if (value) kept.delete(key);
  else {
    const made = (value = make());
    made.catch(() => kept.get(key) === made && kept.delete(key));
  }
  kept.set(key, value);
  if (kept.size > limit) {
    const [oldest, old] = kept.entries().next().value!;
    kept.delete(oldest);
    gone?.(old);
  }
  return value;
}

/** Query results kept per dataset: a board asks ~10 per filter, so the last few dozen filters. */
export const CACHED = 256;
/** Results counted in the page kept per dataset: a board counts ~5 per filter. */
const COUNTED = 256;
/** Results counted ahead kept until asked for: a board counts ~5 per mark of the widget under the pointer. */
const AHEAD_KEPT = 256;
/** Selections kept per dataset (Dataset.select): 4 MB each at a million journeys. */
const SELECTIONS = 8;
/** Tables kept per dataset (Dataset.table): a health list at a million journeys is ~100 MB. */
export const KEPT_TABLES = 4;

/** The order DuckDB loads the tables in: the stage events first, from which journey_stages is derived while the rest load. */
const LOAD_ORDER: TableName[] = ['stage_events', 'spend', 'journeys'];

/**
 * A User Timing measure around a step of loading (seen in the browser's performance panel and the bench). The
 * clock starts before the work does: Chrome computes a SHA-256 digest before crypto.subtle.digest returns.
 */
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    // Only the latest of each: a wall display reloads for weeks, and the timeline keeps every entry.
    performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now() });
  }
}

async function rows(conn: AsyncDuckDBConnection, sql: string): Promise<Row[]> {
  const table = await conn.query(sql);
  return table.toArray().map((r) => r.toJSON() as Row);
}

async function fetchOk(url: string, hint: string): Promise<Response> {
  let res: Response;
  try {
    // The manifest changes in place and must be asked for afresh; the files it names are named by
    // their content, so a cached one is never stale.
    res = await fetch(url, url.endsWith('.json') ? { cache: 'no-cache' } : {});
  } catch (e) {
    throw new Error(`Could not fetch ${url} (${(e as Error).message}): check the server is up and the address is right`);
  }
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}: ${hint}`);
  return res;
}

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetchOk(url, 'check that src points at the manifest.json of a published dataset');
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    // Many servers answer a wrong path with an HTML page and status 200.
    const why = /^\s*</.test(text) ? 'the server sent an HTML page: is the path right?' : (e as Error).message;
    throw new Error(`${url} is not JSON (${why}): src must point at a dataset's manifest.json`);
  }
}

async function fetchTable(manifestUrl: string, manifest: Manifest, name: TableName) {
  const entry = manifest.tables[name];
  const fileUrl = new URL(entry.file, manifestUrl).href;
  const res = await fetchOk(fileUrl, `publish the whole dataset folder next to manifest.json (it lists ${entry.file})`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength !== entry.bytes) {
    throw new Error(`${fileUrl} has ${bytes.byteLength} bytes, manifest.json says ${entry.bytes} (changed or truncated): sync or publish the dataset again`);
  }
  const sha = await timed(`revlens:checksum:${name}`, () => sha256(bytes));
  if (sha !== null && sha !== entry.sha256) {
    throw new Error(`${fileUrl} does not match its checksum in manifest.json (changed or truncated): sync or publish the dataset again`);
  }
  return { fileUrl, bytes };
}

/** Hex SHA-256, or null where Web Crypto is missing (plain-http pages are not secure contexts). */
async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  if (!globalThis.isSecureContext || !globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
