// Shared by global-setup.ts (Node) and the tests (browser): no imports, so both can load it.

/** CRM text a page must never run: a `source` value in the breakdown dataset. */
export const EVIL_SOURCE = '<img src=x onerror="window.__pwned=1">';

/** A created-date range the devorg fixture has no journeys in. */
export const EMPTY_RANGE = { from: '1990-01-01', to: '1990-12-31' } as const;
