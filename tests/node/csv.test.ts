import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv, readAll } from '../../sync/csv.ts';

const readCsv = async (path: string) => {
  const file = await openCsv(path);
  return { ...file, records: await readAll(file) };
};
import { tempDir } from '../support/paths.ts';

async function read(text: string | Uint8Array) {
  const path = join(tempDir(), 'x.csv');
  writeFileSync(path, text);
  const file = await readCsv(path);
  return file.records.map((r) => [r.line, r.get('a'), r.get('b')]);
}

describe('readCsv line numbers (where each record starts, as a text editor counts)', () => {
  it('counts quoted line breaks and skipped empty lines', async () => {
    expect(await read('a,b\n1,2\n\n"x\ny",3\n4,5\n')).toEqual([
      [2, '1', '2'],
      [4, 'x\ny', '3'],
      [6, '4', '5'],
    ]);
  });

  it('counts CRLF inside and between records once, with a BOM and no final line break', async () => {
    expect(await read('\ufeffa,b\r\n1,2\r\n\r\n\r\n"q""\r\n\r\nz",3\r\n4,5')).toEqual([
      [2, '1', '2'],
      [5, 'q"\r\n\r\nz', '3'],
      [8, '4', '5'],
    ]);
  });

  it('reads semicolon- and tab-separated files', async () => {
    expect(await read('a;b\n1;2\n')).toEqual([[2, '1', '2']]);
    expect(await read('a\tb\n1\t2\n')).toEqual([[2, '1', '2']]);
  });

  it('flags records with too few fields, and too many unless the extra are empty', async () => {
    const path = join(tempDir(), 'x.csv');
    writeFileSync(path, 'a,b\n1\n1,2,,\n1,2,3\n');
    const file = await readCsv(path);
    expect(file.records.map((r) => r.fieldCountProblem)).toEqual([
      'has 1 fields but the header has 2',
      null,
      'has 3 fields but the header has 2 (the extra ones are not empty)',
    ]);
  });

  it('matches column names regardless of case', async () => {
    expect(await read('A,B\n1,2\n')).toEqual([[2, '1', '2']]);
  });
});

describe('readCsv encodings', () => {
  const encodingOf = async (bytes: Uint8Array) => {
    const path = join(tempDir(), 'x.csv');
    writeFileSync(path, bytes);
    const file = await readCsv(path);
    return [file.encoding, file.records[0]!.get('name')];
  };

  it('tells GB18030 (Chinese Excel) from Windows-1252 (Western) when the bytes are not UTF-8', async () => {
    // 北京科技有限公司 and 线上广告 in GB18030, as Excel "CSV" saves them on a Chinese Windows.
    const gb = iconv.encode('id,name,source\n1,北京科技有限公司,线上广告\n', 'gb18030');
    expect(await encodingOf(gb)).toEqual(['gb18030', '北京科技有限公司']);
    const western = iconv.encode('id,name\n1,Müller Größe – O\u2019Brien café\n', 'windows-1252');
    expect(await encodingOf(western)).toEqual(['windows-1252', 'Müller Größe – O\u2019Brien café']);
    expect(await encodingOf(new TextEncoder().encode('id,name\n1,上海\n'))).toEqual(['utf-8', '上海']);
  });
});
