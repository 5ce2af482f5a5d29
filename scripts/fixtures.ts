// Where the real CRM exports are: shared beside the repository (../shared/fixtures/crm; never copied into it),
// or wherever REVLENS_FIXTURES says. Tests, the demo data and the wall bench read them from here.
import { resolve } from 'node:path';

export const FIXTURES = process.env.REVLENS_FIXTURES ?? resolve(import.meta.dirname, '../../shared/fixtures/crm');
