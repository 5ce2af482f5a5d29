import { ZodError } from 'zod';
import { SchemaError } from '../model/schema.ts';
import { SyncError } from '../sync/index.ts';
import { METRICS_HELP, metricsCommand } from './metrics-command.ts';
import { SYNC_HELP, syncCommand } from './sync-command.ts';

const HELP = `Usage: revlens <command> [options]

Commands:
  sync       turn a CRM export folder into a dataset
  metrics    run a metric (funnel, cohort, winloss, health, velocity, plan,
             channels) on a dataset, as a table, JSON or CSV

"revlens <command> --help" tells more.

${SYNC_HELP}

${METRICS_HELP}`;

/** Runs the CLI; returns the exit code. Problems with the input print one message, not a stack. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'sync') return await syncCommand(rest);
    if (command === 'metrics') return await metricsCommand(rest);
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      console.log(HELP);
      return command ? 0 : 2;
    }
    console.error(`revlens: unknown command "${command}"; commands: sync, metrics (revlens --help)`);
    return 2;
  } catch (e) {
    const err = e as Error & { code?: string };
    // A metric spec (model/schema.ts) or sync's config (zod) that is not what it should be.
    if (e instanceof SchemaError) {
      console.error(`revlens ${command}: ${e.message}`);
      return 2;
    }
    if (e instanceof ZodError) {
      console.error(`revlens ${command}: ${e.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ')}`);
      return 2;
    }
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`revlens ${command}: ${err.message} (revlens ${command} --help)`);
      return 2;
    }
    // Input problems (SyncError, a bad dataset) carry the message to act on; a stack helps only us.
    console.error(`revlens ${command}: ${err.message}`);
    if (!(e instanceof SyncError) && process.env.REVLENS_DEBUG) console.error(err.stack);
    return 1;
  }
}
