import { check, describe, utcMoment, v } from './schema.ts';
import { stageModelSchema } from './stages.ts';

/** Bumped whenever a reader of an older dataset would misread a newer one. */
export const SCHEMA_VERSION = 3;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const tableFileSchema = v.object({
  file: v.pipe(v.string(), v.regex(/^[\w.-]+\.arrow$/, 'table files are plain names ending in .arrow, inside the dataset folder')),
  format: v.literal('arrow-ipc-stream'),
  rows: count,
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  bytes: count,
});
export type TableFile = v.InferOutput<typeof tableFileSchema>;

/** One input file sync read, with its reconciliation: read = kept + rejected. */
export const sourceFileSchema = v.pipe(
  v.object({
    file: v.string(),
    object: v.string(),
    encoding: v.string(),
    read: count,
    kept: count,
    rejected: count,
  }),
  v.check((s) => s.read === s.kept + s.rejected, 'read must equal kept + rejected'),
);
export type SourceFile = v.InferOutput<typeof sourceFileSchema>;

/** What `revlens sync --merge` folded together: this run's export into the dataset that was there. */
export const mergedSchema = v.object({
  journeys: v.object({ previous: count, incoming: count, added: count, replaced: count, kept: count, carried: count, total: count }),
  spend: v.object({ previous: count, incoming: count, replaced: count, total: count }),
});
export type Merged = v.InferOutput<typeof mergedSchema>;

export const manifestSchema = v.object({
  schema_version: v.literal(
    SCHEMA_VERSION,
    (issue) =>
      `this dataset has schema_version ${JSON.stringify(issue.input)}; this RevLens reads version ${SCHEMA_VERSION}: sync it again with this version`,
  ),
  generated_at: utcMoment(),
  generator: v.string(),
  source: v.string(),
  timezone: v.literal('UTC'),
  stage_model: stageModelSchema,
  tables: v.object({ journeys: tableFileSchema, stage_events: tableFileSchema, spend: tableFileSchema }),
  rejects: v.object({ file: v.string(), rows: count }),
  sources: v.array(sourceFileSchema),
  unmapped_stages: v.array(v.object({ object: v.string(), name: v.string(), rows: v.pipe(count, v.minValue(1)) })),
  /** Only in a dataset written by --merge; `sources` and `rejects` are then those of the last export merged. */
  merged: v.optional(mergedSchema),
});
export type Manifest = v.InferOutput<typeof manifestSchema>;

/** Validates parsed manifest JSON; the error lists each problem with where it is. */
export function parseManifest(json: unknown, where = 'manifest.json'): Manifest {
  const result = check(manifestSchema, json);
  if (result.success) return result.data;
  const problems = describe(result.problems, '(top level)');
  throw new Error(`${where} is not a RevLens dataset manifest:\n  ${problems.join('\n  ')}`);
}
