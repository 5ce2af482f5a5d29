import { describe, expect, it } from 'vitest';
import { filterFor, fromSearchParams, toSearchParams, withClause, withoutClause, type Clause } from '../../widgets/state/filter-state.ts';

const source: Clause = { field: 'source', values: ['Web', null], by: 'funnel-1' };
const reached: Clause = { field: 'reached', stage: 'sql', by: 'funnel-2' };
const created: Clause = { field: 'created', from: '2024-01-01', to: '2024-03-31' };

describe('board filter state', () => {
  it('one clause per field: a new one replaces the old, whoever set it', () => {
    const next = withClause([source, reached], { field: 'source', values: ['Partner'], by: 'winloss-1' });
    expect(next).toEqual([reached, { field: 'source', values: ['Partner'], by: 'winloss-1' }]);
    expect(withoutClause(next, 'reached')).toEqual([{ field: 'source', values: ['Partner'], by: 'winloss-1' }]);
  });

  it('an element keeps one clause: a click on its mark of another field replaces its selection', () => {
    // winloss-1 selected a region, then a loss reason: the region goes; funnel-2's reached stays.
    const region: Clause = { field: 'region', values: ['EMEA'], by: 'winloss-1' };
    const reason: Clause = { field: 'loss_reason', values: ['Price'], by: 'winloss-1' };
    expect(withClause([region, reached], reason)).toEqual([reached, reason]);
    // A clause no element set (a page's own setFilter) replaces only its field.
    expect(withClause([region, reached], { field: 'loss_reason', values: ['Price'] })).toEqual([region, reached, { field: 'loss_reason', values: ['Price'] }]);
  });

  it('an element queries with every clause but its own', () => {
    const all = [source, reached, created];
    expect(filterFor(all)).toEqual({ where: { source: ['Web', null] }, reached: 'sql', from: '2024-01-01', to: '2024-03-31' });
    expect(filterFor(all, 'funnel-1')).toEqual({ reached: 'sql', from: '2024-01-01', to: '2024-03-31' });
    expect(filterFor(all, 'funnel-2')).toEqual({ where: { source: ['Web', null] }, from: '2024-01-01', to: '2024-03-31' });
  });

  it('round-trips through readable URL parameters, leaving the page’s own parameters alone', () => {
    const params = toSearchParams([source, reached, created], new URLSearchParams('page=2&revlens.region=old'));
    expect(params.toString()).toBe(
      'page=2&revlens.source=Web&revlens.source=%28none%29&revlens.reached=sql&revlens.created=2024-01-01..2024-03-31',
    );
    const { filters, problems } = fromSearchParams(params);
    expect(problems).toEqual([]);
    // Who set a clause is not in the URL: on a fresh page every filter applies to every element.
    expect(filters).toEqual([
      { field: 'source', values: ['Web', null] },
      { field: 'reached', stage: 'sql' },
      { field: 'created', from: '2024-01-01', to: '2024-03-31' },
    ]);
  });

  it('a URL parameter that does not parse is reported, not applied', () => {
    const { filters, problems } = fromSearchParams(new URLSearchParams('revlens.created=2024-13-01..&revlens.nonsense=1&revlens.region=North'));
    expect(filters).toEqual([{ field: 'region', values: ['North'] }]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^revlens\.created=2024-13-01\.\.: /);
  });
});
