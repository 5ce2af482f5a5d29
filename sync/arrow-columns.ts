import { Data, DataType, Dictionary, Float64, Int32, TimestampMillisecond, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

/**
 * Arrow columns built straight into typed arrays. apache-arrow's vectorFromArray goes through a
 * builder per value and costs microseconds a row; a dataset has millions of cells.
 */

type Cell = string | number | null;

function validity(values: Cell[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

function utf8Data(values: (string | null)[]): Data<Utf8> {
  const valueOffsets = new Int32Array(values.length + 1);
  let bytes = 0;
  values.forEach((v, i) => {
    bytes += v === null ? 0 : Buffer.byteLength(v, 'utf8');
    valueOffsets[i + 1] = bytes;
  });
  const data = Buffer.alloc(bytes);
  values.forEach((v, i) => {
    if (v !== null) data.write(v, valueOffsets[i]!, 'utf8');
  });
  return makeData({ type: new Utf8(), length: values.length, ...validity(values), valueOffsets, data: new Uint8Array(data.buffer, data.byteOffset, bytes) });
}

function dictionaryData(values: (string | null)[], type: Dictionary<Utf8>): Data<Dictionary<Utf8>> {
  const codes = new Map<string, number>();
  const indices = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) return;
    let code = codes.get(v);
    if (code === undefined) codes.set(v, (code = codes.size));
    indices[i] = code;
  });
  const dictionary = makeVector(utf8Data([...codes.keys()]));
  return makeData({ type, length: values.length, ...validity(values), data: indices, dictionary });
}

/** One table column from row values, of the model's Arrow type. */
export function column(type: DataType, values: Cell[]): Vector {
  if (DataType.isDictionary(type)) return makeVector(dictionaryData(values as (string | null)[], type as Dictionary<Utf8>));
  if (DataType.isUtf8(type)) return makeVector(utf8Data(values as (string | null)[]));
  if (type instanceof TimestampMillisecond) {
    const data = BigInt64Array.from(values, (v) => BigInt(v === null ? 0 : Math.round(v as number)));
    return makeVector(makeData({ type, length: values.length, ...validity(values), data }));
  }
  if (type instanceof Float64) {
    const data = Float64Array.from(values, (v) => (v === null ? 0 : (v as number)));
    return makeVector(makeData({ type, length: values.length, ...validity(values), data }));
  }
  if (type instanceof Int32) {
    const data = Int32Array.from(values, (v) => (v === null ? 0 : (v as number)));
    return makeVector(makeData({ type, length: values.length, ...validity(values), data }));
  }
  throw new Error(`internal: no column encoder for ${type}`);
}
