export { getDuckDB, DUCKDB_BUNDLES } from './duckdb.ts';
export { openDataset, closeDataset, refreshDataset, type Dataset, type Row } from './dataset.ts';
