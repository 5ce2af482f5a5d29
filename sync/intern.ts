/**
 * A copy of a string that does not keep a chunk alive. Parsed fields are slices of a whole decoded
 * chunk (megabytes), and a slice kept in a long-lived map keeps its chunk: anything kept past its
 * record (ids in maps, retained records) goes through here.
 */
export function own(text: string): string {
  return text === '' ? '' : Buffer.from(text, 'utf8').toString('utf8');
}
