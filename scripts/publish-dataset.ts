// Publishes a dataset folder's files into another folder the way a sync switches: the data files first
// (their names are their content), manifest.json last by rename, so a reader never sees half of it.
import { copyFile, mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

export async function publishDataset(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await readdir(from)) if (name !== 'manifest.json') await copyFile(join(from, name), join(to, name));
  await copyFile(join(from, 'manifest.json'), join(to, 'manifest.json.tmp'));
  await rename(join(to, 'manifest.json.tmp'), join(to, 'manifest.json'));
}
