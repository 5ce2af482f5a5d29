import type { Locale } from '../../model/index.ts';

const WORDS = {
  en: {
    name: 'Filters',
    from: 'Created from',
    to: 'to',
    all: 'All',
    none: '(none)',
  },
  'zh-CN': {
    name: '筛选',
    from: '创建日期从',
    to: '至',
    all: '全部',
    none: '（空）',
  },
};

export function filtersText(locale: Locale): (typeof WORDS)['en'] {
  return WORDS[locale];
}
