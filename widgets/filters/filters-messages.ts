import type { Locale } from '../../model/index.ts';

const WORDS = {
  en: {
    name: 'Filters',
    from: 'Created from',
    to: 'to',
    all: 'All',
    none: '(none)',
    noSrc: 'No dataset: set the src attribute (or put the element inside a <revlens-board src=…>) to the URL of a dataset manifest.json.',
  },
  'zh-CN': {
    name: '筛选',
    from: '创建日期从',
    to: '至',
    all: '全部',
    none: '（空）',
    noSrc: '没有数据集：请将 src 属性（或外层 <revlens-board> 的 src）设为数据集 manifest.json 的地址。',
  },
};

export function filtersText(locale: Locale): (typeof WORDS)['en'] {
  return WORDS[locale];
}
