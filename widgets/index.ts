/**
 * Defines every RevLens element. The board first: widgets inside a board join it when they connect.
 * Each element also has its own module (widgets/<name>/define.ts) for pages that want only some.
 */
import './board/define.ts';
import './cohort/define.ts';
import './filters/define.ts';
import './funnel/define.ts';
import './health/define.ts';
import './kpi/define.ts';
import './planner/define.ts';
import './winloss/define.ts';

export { RevlensBoard } from './board/revlens-board.ts';
export { RevlensCohort } from './cohort/revlens-cohort.ts';
export { RevlensFilters } from './filters/revlens-filters.ts';
export { RevlensFunnel } from './funnel/revlens-funnel.ts';
export { RevlensHealth } from './health/revlens-health.ts';
export { RevlensKpi } from './kpi/revlens-kpi.ts';
export { RevlensPlanner } from './planner/revlens-planner.ts';
export { RevlensWinloss } from './winloss/revlens-winloss.ts';
export { RevlensWidget } from './core/revlens-widget.ts';
export { openDataset, closeDataset, refreshDataset, getDuckDB, type Dataset } from './engine/index.ts';
export type { Clause, BoardState } from './state/filter-state.ts';
