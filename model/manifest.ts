import { z } from './zod.ts';
import { stageModelSchema } from './stages.ts';

/** Bumped whenever a reader of an older dataset would misread a newer one. */
export const SCHEMA_VERSION = 3;

const count = z.int().check(z.nonnegative());

const tableFileSchema = z.object({
  file: z.string().check(z.regex(/^[\w.-]+\.arrow$/, 'table files are plain names ending in .arrow, inside the dataset folder')),
  format: z.literal('arrow-ipc-stream'),
  rows: count,
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bytes: count,
});
export type TableFile = z.infer<typeof tableFileSchema>;

/** One input file sync read, with its reconciliation: read = kept + rejected. */
export const sourceFileSchema = z
  .object({
    file: z.string(),
    object: z.string(),
    encoding: z.string(),
    read: count,
    kept: count,
    rejected: count,
  })
  .check(z.refine((s) => s.read === s.kept + s.rejected, { message: 'read must equal kept + rejected' }));
export type SourceFile = z.infer<typeof sourceFileSchema>;

/** What `revlens sync --merge` folded together: this run's export into the dataset that was there. */
export const mergedSchema = z.object({
  journeys: z.object({ previous: count, incoming: count, added: count, replaced: count, kept: count, carried: count, total: count }),
  spend: z.object({ previous: count, incoming: count, replaced: count, total: count }),
});
export type Merged = z.infer<typeof mergedSchema>;

export const manifestSchema = z.object({
  schema_version: z.literal(SCHEMA_VERSION, {
    error: (issue) =>
      `this dataset has schema_version ${JSON.stringify(issue.input)}; this RevLens reads version ${SCHEMA_VERSION}: sync it again with this version`,
  }),
  generated_at: z.iso.datetime(),
  generator: z.string(),
  source: z.string(),
  timezone: z.literal('UTC'),
  stage_model: stageModelSchema,
  tables: z.object({ journeys: tableFileSchema, stage_events: tableFileSchema, spend: tableFileSchema }),
  rejects: z.object({ file: z.string(), rows: count }),
  sources: z.array(sourceFileSchema),
  unmapped_stages: z.array(z.object({ object: z.string(), name: z.string(), rows: z.int().check(z.positive()) })),
  /** Only in a dataset written by --merge; `sources` and `rejects` are then those of the last export merged. */
  merged: z.optional(mergedSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Validates parsed manifest JSON; the error lists each problem with where it is. */
export function parseManifest(json: unknown, where = 'manifest.json'): Manifest {
  const result = manifestSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new Error(`${where} is not a RevLens dataset manifest:\n  ${problems.join('\n  ')}`);
}
