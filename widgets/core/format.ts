import type { Locale } from '../../model/index.ts';

/** Numbers, percents, days, money and days of the calendar in the element's locale (Intl). */
export interface Format {
  locale: Locale;
  count(n: number | null): string;
  percent(p: number | null): string;
  days(d: number | null): string;
  /** A number with at most one decimal (a ratio, percentage points). */
  decimal(n: number): string;
  /** Money in the dataset's base currency (its code when known, else a plain number). */
  money(x: number | null, currency?: string | null): string;
  /** A UTC day (YYYY-MM-DD or ms). */
  date(d: string | number | null): string;
  /** A period starting on a UTC day: week of …, 2024-03, 2024 Q1. */
  period(start: string | null, unit: 'week' | 'month' | 'quarter'): string;
}

const cache = new Map<Locale, Omit<Format, 'money'> & { moneyFormats: Map<string, Intl.NumberFormat> }>();

export function format(locale: Locale): Format {
  let f = cache.get(locale);
  if (!f) {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    const toDate = (d: string | number) => (typeof d === 'number' ? new Date(d) : new Date(`${d.slice(0, 10)}T00:00:00Z`));
    f = {
      locale,
      moneyFormats: new Map(),
      count: (n) => (n === null ? '–' : count.format(n)),
      percent: (p) => (p === null ? '–' : percent.format(p)),
      days: (d) => (d === null ? '–' : days.format(d)),
      decimal: (n) => days.format(n),
      date: (d) => (d === null ? '–' : date.format(toDate(d))),
      period: (start, unit) => {
        if (start === null) return '–';
        const d = toDate(start);
        if (unit === 'month') return month.format(d);
        if (unit === 'quarter') {
          const q = Math.floor(d.getUTCMonth() / 3) + 1;
          return locale === 'zh-CN' ? `${d.getUTCFullYear()}年第${q}季度` : `${d.getUTCFullYear()} Q${q}`;
        }
        return locale === 'zh-CN' ? `${date.format(d)}当周` : `Week of ${date.format(d)}`;
      },
    };
    cache.set(locale, f);
  }
  const { moneyFormats, ...rest } = f;
  return {
    ...rest,
    money: (x, currency) => {
      if (x === null) return '–';
      const key = currency ?? '';
      let m = moneyFormats.get(key);
      if (!m) {
        const compact = { notation: 'compact', maximumFractionDigits: 1 } as const;
        try {
          m = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, ...compact } : compact);
        } catch {
          m = new Intl.NumberFormat(locale, compact); // not an ISO currency code
        }
        moneyFormats.set(key, m);
      }
      return m.format(x);
    },
  };
}
