// Every chart element with the attributes the shared browser tests (a11y, screenshots) use.
export const ELEMENTS: { tag: string; html: string }[] = [
  { tag: 'revlens-funnel', html: '<revlens-funnel></revlens-funnel>' },
  { tag: 'revlens-funnel[by]', html: '<revlens-funnel by="region"></revlens-funnel>' },
  { tag: 'revlens-winloss', html: '<revlens-winloss by="region"></revlens-winloss>' },
  { tag: 'revlens-cohort', html: '<revlens-cohort unit="month" stage="won"></revlens-cohort>' },
  { tag: 'revlens-health', html: '<revlens-health limit="10"></revlens-health>' },
  { tag: 'revlens-kpi', html: '<revlens-kpi></revlens-kpi>' },
  { tag: 'revlens-planner', html: '<revlens-planner target="1000000"></revlens-planner>' },
];
