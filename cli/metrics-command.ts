import { parseArgs } from 'node:util';
import { funnelSpecSchema, funnelSql, shapeFunnel, type FunnelRow } from '../metrics/index.ts';
import { DIMENSIONS, resolveLocale, type Dimension, type Locale } from '../model/index.ts';
import { loadDataset, openDuckDB, queryRows } from './duckdb.ts';
import { formatTable } from './table.ts';

export const METRICS_HELP = `Usage: revlens metrics funnel --data <dataset folder> [options]

Runs a metric on a dataset with DuckDB-WASM (the same SQL the browser widgets run).

Metrics:
  funnel              journeys reaching each stage, conversion from the previous and the
                      first stage, median days from the previous stage

Options:
  --data <folder>     a dataset folder written by "revlens sync"
  --by <dimension>    break down by one of: ${DIMENSIONS.join(', ')}
  --from <YYYY-MM-DD> only journeys created on or after this day (UTC)
  --to <YYYY-MM-DD>   only journeys created on or before this day (UTC)
  --locale <tag>      stage labels in en or zh-CN (default: en)
  --json              print JSON rows instead of a table
  -h, --help          this help`;

const percent = (v: number | null, locale: Locale) =>
  v === null ? '' : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const days = (v: number | null, locale: Locale) =>
  v === null ? '' : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

export function formatFunnel(rows: FunnelRow[], by: string | undefined, locale: Locale): string {
  const header = ['stage', 'reached', 'from previous', 'from first', 'median days from previous'];
  const body = rows.map((r) => [
    r.label,
    new Intl.NumberFormat(locale).format(r.reached),
    percent(r.conversion_from_previous, locale),
    percent(r.conversion_from_first, locale),
    days(r.median_days_from_previous, locale),
  ]);
  if (!by) return formatTable(header, body, new Set([1, 2, 3, 4]));
  return formatTable(
    [by, ...header],
    body.map((cells, i) => [String(rows[i]![by] ?? '(none)'), ...cells]),
    new Set([2, 3, 4, 5]),
  );
}

export async function metricsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      by: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      locale: { type: 'string', default: 'en' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [metric] = positionals;
  if (values.help || !metric) {
    console.log(METRICS_HELP);
    return values.help ? 0 : 2;
  }
  if (metric !== 'funnel') {
    console.error(`revlens metrics: unknown metric "${metric}"; available: funnel\n\n${METRICS_HELP}`);
    return 2;
  }
  if (!values.data) {
    console.error(`revlens metrics: --data <dataset folder> is required\n\n${METRICS_HELP}`);
    return 2;
  }
  if (values.by && !(DIMENSIONS as readonly string[]).includes(values.by)) {
    console.error(`revlens metrics: --by "${values.by}" is not a dimension; use one of: ${DIMENSIONS.join(', ')}`);
    return 2;
  }
  const spec = { by: values.by as Dimension | undefined, from: values.from, to: values.to };
  // Check the options before the engine starts: a typo should not cost a second.
  const checked = funnelSpecSchema.safeParse(spec);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => {
      const option = String(i.path[0] ?? 'options');
      return `--${option} ${JSON.stringify(spec[option as keyof typeof spec] ?? '')}: ${i.message}`;
    });
    console.error(`revlens metrics: ${problems.join('; ')}`);
    return 2;
  }
  const locale = resolveLocale(values.locale);
  const { conn } = await openDuckDB();
  const manifest = await loadDataset(conn, values.data);
  const sql = funnelSql(spec, manifest.stage_model);
  const rows = shapeFunnel(queryRows(conn, sql), spec, manifest.stage_model, locale);
  console.log(values.json ? JSON.stringify(rows, null, 2) : formatFunnel(rows, values.by, locale));
  return 0;
}
