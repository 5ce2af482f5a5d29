import type { Locale } from '../../model/index.ts';

/** The words every element shares, per locale; each element adds its own. */
const WORDS = {
  en: {
    loading: 'Loading…',
    updating: 'Updating…',
    noSrc: 'No dataset: set the src attribute (or put the element inside a <revlens-board src=…>) to the URL of a dataset manifest.json.',
    badSettings: 'Check the attributes',
    emptyFiltered: 'No journeys match the current filters.',
    emptyDataset: 'This dataset has no journeys yet.',
    none: '(none)',
    showTable: 'Table',
    showChart: 'Chart',
    exportCsv: 'CSV',
    exportPng: 'PNG',
    exportCsvName: 'Download the numbers as CSV',
    exportPngName: 'Download the chart as PNG',
    showTableName: 'Show the numbers as a table',
    showChartName: 'Show the chart',
  },
  'zh-CN': {
    loading: '正在加载…',
    updating: '正在更新…',
    noSrc: '没有数据集：请将 src 属性（或外层 <revlens-board> 的 src）设为数据集 manifest.json 的地址。',
    badSettings: '请检查属性',
    emptyFiltered: '没有符合当前筛选条件的线索或商机。',
    emptyDataset: '此数据集中还没有线索或商机。',
    none: '（空）',
    showTable: '表格',
    showChart: '图表',
    exportCsv: 'CSV',
    exportPng: 'PNG',
    exportCsvName: '下载数据（CSV）',
    exportPngName: '下载图表（PNG）',
    showTableName: '以表格显示数据',
    showChartName: '显示图表',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type CommonText = Record<keyof (typeof WORDS)['en'], string>;

export function commonText(locale: Locale): CommonText {
  return WORDS[locale];
}
