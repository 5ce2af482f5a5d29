import { check } from '../model/schema.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { FunnelRow } from '../metrics/index.ts';
import { DIMENSIONS, resolveLocale, type Locale, type StageModel } from '../model/index.ts';
import { readManifest } from '../sync/read-dataset.ts';
import { loadDataset, openDuckDB, queryRows } from './duckdb.ts';
import { METRICS, type MetricDef } from './metrics-registry.ts';
import { col, formatRows, toCsv, type Column, type Row } from './metrics-output.ts';

const COMMON = `Common options:
  --data <folder>     a dataset folder written by "revlens sync" (required)
  --json              print JSON instead of a table
  --csv               print CSV (one section; text cells never run as spreadsheet formulas)
  --locale <tag>      stage labels and number formats in en or zh-CN (default: en)
  -h, --help          this help`;

export const METRICS_HELP = `Usage: revlens metrics <metric> --data <dataset folder> [options]

Runs a metric on a dataset with DuckDB-WASM (the same SQL the browser widgets run).

Metrics:
${METRICS.map((m) => `  ${m.name.padEnd(10)} ${m.summary}`).join('\n')}

${COMMON}

"revlens metrics <metric> --help" lists the metric's own options.`;

export function metricHelp(m: MetricDef): string {
  const lines = Object.entries(m.options).map(([name, o]) => {
    const left = o.kind === 'flag' ? `  --${name}` : `  --${name} ${o.arg}`;
    const help = name === 'from' || name === 'to' ? `${m.range ?? ''} ${o.help}`.trim() : o.help;
    return left.length < 30 ? `${left.padEnd(30)}${help}` : `${left}\n${' '.repeat(30)}${help}`;
  });
  return `Usage: revlens metrics ${m.name} --data <dataset folder> [options]

${m.summary[0]!.toUpperCase()}${m.summary.slice(1)}.

Options:
${lines.join('\n')}

${COMMON}`;
}

/** A message for the user: printed as is, exit code 2. */
class OptionError extends Error {}

/** Option values to the metric's spec; numbers parsed here so that "abc" gets a plain message. */
function toSpec(m: MetricDef, values: Record<string, unknown>): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(m.options)) {
    const raw = values[name];
    if (raw === undefined || name === 'section') continue;
    let value: unknown = raw;
    if (o.kind === 'flag') {
      if (raw !== true) continue;
      value = o.value;
    } else if (o.kind === 'number') {
      value = Number(raw);
      if (String(raw).trim() === '' || !Number.isFinite(value)) throw new OptionError(`--${name} ${JSON.stringify(raw)} is not a number`);
    }
    const path = (o.field ?? name.replaceAll('-', '_')).split('.');
    let at = spec;
    for (const p of path.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  return spec;
}

/** The option a spec field came from, for messages. */
function optionOf(m: MetricDef, path: PropertyKey[]): string {
  const field = path.map(String).join('.');
  const found = Object.entries(m.options).find(([name, o]) => (o.field ?? name.replaceAll('-', '_')) === field);
  if (found) return `--${found[0]}`;
  if (field === 'compare') return '--compare-from/--compare-to';
  return field ? `--${field.replaceAll('_', '-')}` : 'options';
}

function checkSpec(m: MetricDef, spec: Record<string, unknown>, values: Record<string, unknown>) {
  for (const dim of ['by', 'by2']) {
    const v = values[dim];
    if (typeof v === 'string' && m.options[dim] && !(DIMENSIONS as readonly string[]).includes(v)) {
      throw new OptionError(`--${dim} "${v}" is not a dimension; use one of: ${DIMENSIONS.join(', ')}`);
    }
  }
  if (m.name === 'plan' && spec.target === undefined) throw new OptionError('--target <amount> is required: the revenue to plan for');
  const checked = check(m.schema, spec);
  if (!checked.success) {
    const problems = checked.problems.map((i) => {
      const option = optionOf(m, i.path);
      const raw = values[option.slice(2)];
      return `${option}${raw === undefined ? '' : ` ${JSON.stringify(raw)}`}: ${i.message}`;
    });
    throw new OptionError(problems.join('; '));
  }
  const section = values.section;
  if (section !== undefined && !m.sections.includes(String(section))) {
    throw new OptionError(`--section "${section}" is not a section of ${m.name}; use one of: ${m.sections.join(', ')}`);
  }
}

/** Reads and checks the manifest alone, so that options naming stages are checked before the engine starts. */
async function readModel(folder: string): Promise<StageModel> {
  return (await readManifest(folder)).stage_model;
}

/** The funnel with a comparison: the two periods side by side, one line per stage. */
function sideBySide(rows: FunnelRow[], by: string | undefined): { rows: Row[]; columns: Column[] } {
  const current = rows.filter((r) => r.period === 'current');
  const comparison = new Map(rows.filter((r) => r.period === 'comparison').map((r) => [`${by ? r[by] : ''}|${r.stage}`, r]));
  const merged = current.map((r) => {
    const c = comparison.get(`${by ? r[by] : ''}|${r.stage}`);
    return {
      ...r,
      compare_reached: c?.reached ?? null,
      compare_from_first: c?.conversion_from_first ?? null,
      compare_median: c?.median_days_from_previous ?? null,
      change: c && c.reached ? r.reached / c.reached - 1 : null,
    } as Row;
  });
  return {
    rows: merged,
    columns: [
      col('label', 'stage'),
      col('reached', 'reached', 'count'),
      col('conversion_from_first', 'from first', 'percent'),
      col('median_days_from_previous', 'median days', 'days'),
      col('compare_reached', 'compared: reached', 'count'),
      col('compare_from_first', 'from first', 'percent'),
      col('compare_median', 'median days', 'days'),
      col('change', 'reached change', 'percent'),
    ],
  };
}

function printTable(m: MetricDef, result: Record<string, Row[]>, spec: Record<string, unknown>, locale: Locale, only?: string): string {
  const sections = only ? [only] : [...m.sections];
  const out: string[] = [];
  for (const section of sections) {
    let rows = result[section]!;
    let columns = m.columns(section, spec);
    if (m.name === 'funnel' && spec.compare) ({ rows, columns } = sideBySide(rows as FunnelRow[], spec.by as string | undefined));
    // The row's segment fields (the breakdown, a channel, a region …) come first.
    const segments = Object.keys(rows[0] ?? {}).filter((k) => (DIMENSIONS as readonly string[]).includes(k) && !columns.some((c) => c.key === k));
    columns = [...segments.map((k) => col(k, k)), ...columns];
    if (sections.length > 1) out.push(`${m.titles?.[section] ?? section}`);
    out.push(formatRows(rows, columns, locale, [...segments, 'loss_reason', 'poc_result']), '');
  }
  const asOf = (result[m.sections[0]!]?.[0] as Row | undefined)?.as_of;
  if (typeof asOf === 'string') out.push(`as of ${asOf}`);
  return out.join('\n').trimEnd();
}

export async function metricsCommand(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const m = METRICS.find((x) => x.name === first);
  if (!first || first === '-h' || first === '--help') {
    console.log(METRICS_HELP);
    return first ? 0 : 2;
  }
  if (!m) {
    console.error(`revlens metrics: unknown metric "${first}"; available: ${METRICS.map((x) => x.name).join(', ')}\n\n${METRICS_HELP}`);
    return 2;
  }
  const options: ParseArgsConfig['options'] = {
    data: { type: 'string' },
    locale: { type: 'string', default: 'en' },
    json: { type: 'boolean', default: false },
    csv: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  };
  for (const [name, o] of Object.entries(m.options)) options[name] = { type: o.kind === 'flag' ? 'boolean' : 'string' };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options, allowPositionals: false, strict: true }));
  } catch (e) {
    console.error(`revlens metrics ${m.name}: ${(e as Error).message}\n\n${metricHelp(m)}`);
    return 2;
  }
  if (values.help) {
    console.log(metricHelp(m));
    return 0;
  }
  let spec: Record<string, unknown>;
  try {
    if (!values.data) throw new OptionError('--data <dataset folder> is required');
    if (values.json && values.csv) throw new OptionError('--json and --csv: choose one');
    spec = toSpec(m, values);
    // Check the options before the engine starts: a typo should not cost a second.
    checkSpec(m, spec, values);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    console.error(`revlens metrics ${m.name}: ${e.message}`);
    return 2;
  }
  const locale = resolveLocale(String(values.locale));
  const model = await readModel(String(values.data));
  for (const field of m.stageFields ?? []) {
    const key = spec[field];
    if (key !== undefined && !model.stages.some((s) => s.key === key)) {
      console.error(`revlens metrics ${m.name}: --${field} "${key}" is not a stage of this dataset; stages: ${model.stages.map((s) => s.key).join(', ')}`);
      return 2;
    }
  }
  const { conn } = await openDuckDB();
  const manifest = await loadDataset(conn, String(values.data));
  const result = m.run(spec, manifest.stage_model, locale, (sql) => queryRows(conn, sql));
  const section = values.section === undefined ? undefined : String(values.section);
  const single = m.sections.length === 1 ? m.sections[0]! : section;
  if (values.json) {
    console.log(JSON.stringify(single ? result[single] : result, null, 2));
  } else if (values.csv) {
    process.stdout.write(toCsv(result[single ?? m.sections[0]!]!));
  } else {
    console.log(printTable(m, result, spec, locale, section));
  }
  return 0;
}
