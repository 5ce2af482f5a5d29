/**
 * The invented B2B sales org the generator simulates: its lead sources and their conversion rates,
 * regions, industries, people and products. Data only; the journeys are simulated in journeys.ts.
 *
 * Text that a Chinese team writes in Chinese has two forms: `native` (what a UTF-8 Data Loader export
 * holds) and `latin` (what the Windows-1252 weekly export can hold). Everything else is the same in
 * both layouts, so the same seed gives the same journeys whichever layout is written.
 */

export interface LocalText {
  native: string;
  latin: string;
}

const t = (native: string, latin: string): LocalText => ({ native, latin });
/** Text that is already Windows-1252-safe and so is written the same in both layouts. */
const same = (s: string): LocalText => ({ native: s, latin: s });

const asciiCache = new Map<string, string>();

/** "Zoë O’Brien" → "zoe obrien": for e-mail addresses and UTM slugs. Memoized: names repeat a lot. */
export function ascii(s: string): string {
  let a = asciiCache.get(s);
  if (a === undefined) {
    a = fold(s);
    if (asciiCache.size < 10_000) asciiCache.set(s, a);
  }
  return a;
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .toLowerCase();
}

// ---------------------------------------------------------------- lead sources (the channel)

export interface LeadSource {
  name: string;
  /** Share of all leads. */
  weight: number;
  /** Lead → MQL, MQL → SQL, SQL → converted: referrals convert better, purchased lists worse. */
  mql: number;
  sql: number;
  convert: number;
  /** Multiplies the chance of losing a deal at each stage: referred deals are lost less often. */
  lossFactor: number;
}

export const LEAD_SOURCES: LeadSource[] = [
  { name: 'Web', weight: 28, mql: 0.45, sql: 0.55, convert: 0.68, lossFactor: 1.0 },
  { name: 'Advertisement', weight: 18, mql: 0.35, sql: 0.5, convert: 0.62, lossFactor: 1.1 },
  { name: 'Webinar', weight: 12, mql: 0.55, sql: 0.55, convert: 0.68, lossFactor: 1.0 },
  { name: 'Trade Show', weight: 10, mql: 0.5, sql: 0.6, convert: 0.7, lossFactor: 0.95 },
  { name: 'Partner Referral', weight: 7, mql: 0.7, sql: 0.75, convert: 0.8, lossFactor: 0.75 },
  { name: 'Employee Referral', weight: 4, mql: 0.65, sql: 0.7, convert: 0.8, lossFactor: 0.8 },
  { name: 'Purchased List', weight: 12, mql: 0.15, sql: 0.35, convert: 0.5, lossFactor: 1.35 },
  { name: 'Phone Inquiry', weight: 6, mql: 0.6, sql: 0.65, convert: 0.75, lossFactor: 0.9 },
  { name: 'Executive Referral', weight: 3, mql: 0.8, sql: 0.8, convert: 0.85, lossFactor: 0.6 },
];

/** Sales-sourced opportunities (no lead): LeadSource is often left blank by the rep. */
export const DIRECT_SOURCES: [string | null, number][] = [
  [null, 55],
  ['Executive Referral', 25],
  ['Employee Referral', 10],
  ['Partner Referral', 10],
];

// ---------------------------------------------------------------- regions and places

export interface Place {
  country: string;
  state: LocalText | null;
  cities: LocalText[];
  /** Top-level domain for invented e-mail addresses. */
  tld: string;
  /** Legal-form suffixes of company names there. */
  suffixes: LocalText[];
}

export interface Region {
  name: LocalText;
  weight: number;
  chinese: boolean;
  /** Offset of local office hours from UTC, for plausible created times. */
  utcOffset: number;
  places: Place[];
}

const CN_SUFFIXES = [t('有限公司', 'Co., Ltd.'), t('股份有限公司', 'Co., Ltd.'), t('集团', 'Group')];
const cn = (state: LocalText, ...cities: LocalText[]): Place => ({ country: 'China', state, cities, tld: 'cn', suffixes: CN_SUFFIXES });
const city = same;

export const REGIONS: Region[] = [
  {
    name: t('华东', 'East China'), weight: 26, chinese: true, utcOffset: 8,
    places: [
      cn(t('上海', 'Shanghai'), t('上海', 'Shanghai')),
      cn(t('江苏', 'Jiangsu'), t('苏州', 'Suzhou'), t('南京', 'Nanjing')),
      cn(t('浙江', 'Zhejiang'), t('杭州', 'Hangzhou'), t('宁波', 'Ningbo')),
      cn(t('山东', 'Shandong'), t('青岛', 'Qingdao'), t('济南', 'Jinan')),
    ],
  },
  {
    name: t('华北', 'North China'), weight: 18, chinese: true, utcOffset: 8,
    places: [
      cn(t('北京', 'Beijing'), t('北京', 'Beijing')),
      cn(t('天津', 'Tianjin'), t('天津', 'Tianjin')),
      cn(t('河北', 'Hebei'), t('石家庄', 'Shijiazhuang')),
    ],
  },
  {
    name: t('华南', 'South China'), weight: 16, chinese: true, utcOffset: 8,
    places: [
      cn(t('广东', 'Guangdong'), t('广州', 'Guangzhou'), t('深圳', 'Shenzhen'), t('东莞', 'Dongguan'), t('佛山', 'Foshan')),
      cn(t('广西', 'Guangxi'), t('南宁', 'Nanning')),
    ],
  },
  {
    name: t('西南', 'Southwest China'), weight: 8, chinese: true, utcOffset: 8,
    places: [
      cn(t('四川', 'Sichuan'), t('成都', 'Chengdu')),
      cn(t('重庆', 'Chongqing'), t('重庆', 'Chongqing')),
      cn(t('云南', 'Yunnan'), t('昆明', 'Kunming')),
    ],
  },
  {
    name: same('APAC'), weight: 12, chinese: false, utcOffset: 8,
    places: [
      { country: 'Singapore', state: null, cities: [city('Singapore')], tld: 'sg', suffixes: [same('Pte. Ltd.')] },
      { country: 'Japan', state: same('Tokyo'), cities: [city('Tokyo')], tld: 'jp', suffixes: [same('K.K.')] },
      { country: 'Australia', state: same('NSW'), cities: [city('Sydney')], tld: 'com.au', suffixes: [same('Pty Ltd')] },
      { country: 'India', state: same('Karnataka'), cities: [city('Bengaluru')], tld: 'in', suffixes: [same('Pvt. Ltd.')] },
    ],
  },
  {
    name: same('EMEA'), weight: 10, chinese: false, utcOffset: 1,
    places: [
      { country: 'Germany', state: same('Bayern'), cities: [city('München')], tld: 'de', suffixes: [same('GmbH'), same('AG')] },
      { country: 'France', state: same('Île-de-France'), cities: [city('Paris')], tld: 'fr', suffixes: [same('S.A.'), same('SAS')] },
      { country: 'United Kingdom', state: same('England'), cities: [city('London')], tld: 'co.uk', suffixes: [same('Ltd')] },
      { country: 'Sweden', state: same('Skåne'), cities: [city('Malmö')], tld: 'se', suffixes: [same('AB')] },
      { country: 'Spain', state: same('Cataluña'), cities: [city('Barcelona')], tld: 'es', suffixes: [same('S.L.')] },
    ],
  },
  {
    name: same('North America'), weight: 10, chinese: false, utcOffset: -6,
    places: [
      { country: 'United States', state: same('CA'), cities: [city('San Francisco')], tld: 'com', suffixes: [same('Inc.'), same('LLC')] },
      { country: 'United States', state: same('NY'), cities: [city('New York')], tld: 'com', suffixes: [same('Inc.')] },
      { country: 'United States', state: same('TX'), cities: [city('Austin')], tld: 'com', suffixes: [same('Inc.')] },
      { country: 'Canada', state: same('QC'), cities: [city('Montréal')], tld: 'ca', suffixes: [same('Inc.')] },
    ],
  },
];

// ---------------------------------------------------------------- industries, companies, titles

export interface Industry {
  name: string;
  weight: number;
  /** Word in company names: Chinese and English forms. */
  words: LocalText[];
  /** How often its deals run a proof of concept. */
  poc: number;
}

export const INDUSTRIES: Industry[] = [
  { name: 'Manufacturing', weight: 22, poc: 0.65, words: [t('精密制造', 'Precision Manufacturing'), t('机械', 'Machinery')] },
  { name: 'Financial Services', weight: 14, poc: 0.7, words: [t('金融服务', 'Financial Services'), t('融资租赁', 'Leasing')] },
  { name: 'Retail', weight: 14, poc: 0.5, words: [t('商贸', 'Trading'), t('零售', 'Retail')] },
  { name: 'Healthcare', weight: 10, poc: 0.65, words: [t('医疗科技', 'Medical Technology'), t('生物', 'Biotech')] },
  { name: 'Technology', weight: 16, poc: 0.6, words: [t('信息技术', 'Information Technology'), t('软件', 'Software')] },
  { name: 'Energy', weight: 8, poc: 0.6, words: [t('新能源', 'New Energy'), t('电力', 'Power')] },
  { name: 'Education', weight: 6, poc: 0.45, words: [t('教育科技', 'EdTech'), t('教育', 'Education')] },
  { name: 'Logistics', weight: 10, poc: 0.55, words: [t('物流', 'Logistics'), t('供应链', 'Supply Chain')] },
];

/** Chinese trade names with their pinyin. */
export const CN_BRANDS: LocalText[] = [
  t('华信', 'Huaxin'), t('恒通', 'Hengtong'), t('瑞丰', 'Ruifeng'), t('启明', 'Qiming'), t('中联', 'Zhonglian'),
  t('天合', 'Tianhe'), t('博远', 'Boyuan'), t('金桥', 'Jinqiao'), t('鼎盛', 'Dingsheng'), t('海纳', 'Haina'),
  t('东方', 'Dongfang'), t('新锐', 'Xinrui'), t('同创', 'Tongchuang'), t('联达', 'Lianda'), t('安捷', 'Anjie'),
  t('宏图', 'Hongtu'), t('星河', 'Xinghe'), t('远航', 'Yuanhang'), t('嘉禾', 'Jiahe'), t('致远', 'Zhiyuan'),
];

/** Western trade names; a few carry accents, "&" or the curly apostrophe only Windows-1252 has. */
export const INTL_BRANDS: string[] = [
  'Nordwind', 'Bluepeak', 'Atlas', 'Meridian', 'Vertex', 'Crescent', 'Haverford', 'Lumière', 'Zürich Partners',
  'Skål', 'Castellón', 'Brightwater', 'Kestrel', 'Ironbridge', 'Sakura', 'Harbour & Co', 'Evergreen', 'Fjällräven Labs',
  'O’Connell', 'Pinnacle', 'Redwood', 'Sørensen', 'Aurora', 'Quantum',
];

/**
 * Names that stress a CSV writer and reader: a comma, doubled quotes. Rare, like in real exports.
 * Each name is used in both layouts, so it must be Windows-1252-safe.
 */
export const AWKWARD_COMPANIES: string[] = [
  'Ng, Tan & Partners',
  'The "Blue Ocean" Group',
  'Müller & Söhne GmbH, Werk 2',
  'Café Crème SAS',
];

export const TITLES: LocalText[] = [
  t('首席信息官', 'CIO'), t('IT经理', 'IT Manager'), t('销售总监', 'Sales Director'), t('采购经理', 'Procurement Manager'),
  t('总经理', 'CEO'), t('财务总监', 'CFO'), t('运营副总裁', 'VP Operations'), t('市场总监', 'Head of Marketing'),
  t('数据分析师', 'Data Analyst'), t('数字化转型负责人', 'Head of Digital Transformation'),
];

// ---------------------------------------------------------------- people

/** Chinese surnames and given names with pinyin; the weekly layout writes the pinyin. */
export const CN_SURNAMES: LocalText[] = [
  t('王', 'Wang'), t('李', 'Li'), t('张', 'Zhang'), t('刘', 'Liu'), t('陈', 'Chen'), t('杨', 'Yang'), t('黄', 'Huang'),
  t('赵', 'Zhao'), t('吴', 'Wu'), t('周', 'Zhou'), t('徐', 'Xu'), t('孙', 'Sun'), t('马', 'Ma'), t('朱', 'Zhu'),
  t('胡', 'Hu'), t('郭', 'Guo'), t('何', 'He'), t('林', 'Lin'), t('高', 'Gao'), t('罗', 'Luo'),
];
export const CN_GIVEN: LocalText[] = [
  t('伟', 'Wei'), t('芳', 'Fang'), t('娜', 'Na'), t('敏', 'Min'), t('静', 'Jing'), t('磊', 'Lei'), t('洋', 'Yang'),
  t('勇', 'Yong'), t('艳', 'Yan'), t('杰', 'Jie'), t('涛', 'Tao'), t('明', 'Ming'), t('超', 'Chao'), t('秀英', 'Xiuying'),
  t('浩然', 'Haoran'), t('子涵', 'Zihan'), t('欣怡', 'Xinyi'), t('宇轩', 'Yuxuan'), t('思远', 'Siyuan'), t('晓东', 'Xiaodong'),
];

/** Western names for APAC, EMEA and North America leads: Windows-1252-safe, accents included. */
export const INTL_FIRST: string[] = [
  'James', 'Mary', 'Robert', 'Priya', 'Hiroshi', 'Yuki', 'Anaïs', 'José', 'Zoë', 'Søren', 'François', 'Björn',
  'Chloé', 'Raúl', 'Ingrid', 'Mateo', 'Olivia', 'Liam', 'Aarav', 'Kenji', 'Hannah', 'Noémie', 'Jürgen', 'Grace',
];
export const INTL_LAST: string[] = [
  'Smith', 'Müller', 'García', 'Nguyen', 'Tanaka', 'Kumar', 'Dubois', 'O’Connor', 'Andersen', 'Rossi', 'Johansson',
  'Novák', 'Fernández', 'Schäfer', 'Sato', 'Patel', 'Lefèvre', 'Brown', 'Wilson', 'Lindqvist', 'Kowalczyk',
  'Martín', 'Øberg', 'Taylor',
];

export type Team = 'Enterprise Sales' | 'Mid-Market' | 'Channel' | 'Sales Development';

export interface User {
  key: string;
  first: LocalText;
  last: LocalText;
  /** Full name as Salesforce shows it: family name first, no space, for Chinese names. */
  name: LocalText;
  team: Team;
  title: string;
  /** Regions this user covers (by native region name). */
  regions: string[];
  /** An inactive user left the company: records created after this day go to `successor`. */
  leftOn?: string;
  successor?: string;
}

const cnUser = (last: LocalText, first: LocalText, rest: Omit<User, 'first' | 'last' | 'name'>): User => ({
  ...rest, first, last, name: t(`${last.native}${first.native}`, `${first.latin} ${last.latin}`),
});
const enUser = (first: string, last: string, rest: Omit<User, 'first' | 'last' | 'name'>): User => ({
  ...rest, first: same(first), last: same(last), name: same(`${first} ${last}`),
});
const CHINA = ['华东', '华北', '华南', '西南'];
const NORTH = ['华东', '华北'];
const SOUTH = ['华南', '西南'];

/** The sales org: each region has an owner per team; SDRs own leads until they are converted. */
export const USERS: User[] = [
  cnUser(t('王', 'Wang'), t('伟', 'Wei'), { key: 'wangwei', team: 'Enterprise Sales', title: 'Account Executive', regions: ['华东'] }),
  cnUser(t('赵', 'Zhao'), t('磊', 'Lei'), { key: 'zhaolei', team: 'Enterprise Sales', title: 'Account Executive', regions: ['华北'], leftOn: '2025-09-15', successor: 'wangwei' }),
  cnUser(t('李', 'Li'), t('娜', 'Na'), { key: 'lina', team: 'Enterprise Sales', title: 'Account Executive', regions: SOUTH }),
  enUser('Michael', 'Chen', { key: 'mchen', team: 'Enterprise Sales', title: 'Regional Director', regions: ['APAC', 'North America'] }),
  enUser('José', 'Müller', { key: 'jmuller', team: 'Enterprise Sales', title: 'Account Executive', regions: ['EMEA'] }),
  cnUser(t('张', 'Zhang'), t('敏', 'Min'), { key: 'zhangmin', team: 'Mid-Market', title: 'Account Executive', regions: NORTH }),
  cnUser(t('刘', 'Liu'), t('洋', 'Yang'), { key: 'liuyang', team: 'Mid-Market', title: 'Account Executive', regions: SOUTH }),
  enUser('Emma', 'Wilson', { key: 'ewilson', team: 'Mid-Market', title: 'Account Executive', regions: ['APAC', 'North America'] }),
  enUser('Zoë', 'Lefèvre', { key: 'zlefevre', team: 'Mid-Market', title: 'Account Executive', regions: ['EMEA'] }),
  cnUser(t('陈', 'Chen'), t('静', 'Jing'), { key: 'chenjing', team: 'Channel', title: 'Partner Manager', regions: CHINA }),
  enUser('David', 'O’Brien', { key: 'dobrien', team: 'Channel', title: 'Partner Manager', regions: ['APAC', 'EMEA', 'North America'] }),
  cnUser(t('杨', 'Yang'), t('帆', 'Fan'), { key: 'yangfan', team: 'Sales Development', title: 'SDR', regions: CHINA }),
  enUser('Søren', 'Andersen', { key: 'sandersen', team: 'Sales Development', title: 'SDR', regions: ['APAC', 'EMEA', 'North America'] }),
];

// ---------------------------------------------------------------- deals

export const PRODUCTS: [string, number, number][] = [
  // name, weight, amount factor
  ['CRM Suite', 40, 1.0],
  ['Analytics Platform', 25, 1.3],
  ['Integration Hub', 15, 0.7],
  ['Professional Services', 12, 0.5],
  ['Premium Support', 8, 0.35],
];

/** Opportunity stages in order (indices are used throughout the simulation). */
export const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proof of Concept',
  'Proposal/Price Quote',
  'Negotiation/Review',
] as const;
export const POC_STAGE = 3;
export const WON = 'Closed Won';
export const LOST = 'Closed Lost';

/** Default probability and forecast category per stage, as a Salesforce org configures them. */
export const STAGE_META: Record<string, { probability: number; forecast: string }> = {
  Prospecting: { probability: 10, forecast: 'Pipeline' },
  Qualification: { probability: 10, forecast: 'Pipeline' },
  'Needs Analysis': { probability: 20, forecast: 'Pipeline' },
  'Proof of Concept': { probability: 40, forecast: 'Pipeline' },
  'Proposal/Price Quote': { probability: 75, forecast: 'BestCase' },
  'Negotiation/Review': { probability: 90, forecast: 'Commit' },
  'Closed Won': { probability: 100, forecast: 'Closed' },
  'Closed Lost': { probability: 0, forecast: 'Omitted' },
};

/** Chance of losing a deal at each stage (before lossFactor): a failed POC is the costliest step. */
export const STAGE_LOSS = [0.18, 0.18, 0.18, 0.28, 0.18, 0.28];

/** Median days spent in each stage before moving on. */
export const STAGE_DAYS = [6, 10, 14, 21, 12, 10];

/** Loss reasons by stage: early deals die of indecision, late ones of price and competitors. */
export const LOSS_REASONS: [string, number[]][] = [
  //                  Pros Qual Need POC  Prop Nego
  ['Price', [1, 1, 2, 2, 6, 8]],
  ['Competitor', [1, 2, 3, 5, 5, 5]],
  ['No Decision', [6, 5, 4, 2, 2, 2]],
  ['Timing', [4, 4, 3, 1, 2, 2]],
  ['Missing Feature', [0, 1, 3, 8, 1, 1]],
  ['Budget Cut', [3, 3, 2, 2, 2, 2]],
];
/** How a Chinese rep writes "Budget Cut" half the time in a UTF-8 org. */
export const BUDGET_CUT_ZH = '预算不足';

// ---------------------------------------------------------------- campaigns and search

export const KEYWORDS: LocalText[] = [
  t('CRM系统', 'crm system'), t('销售漏斗', 'sales funnel'), t('商机管理', 'opportunity management'),
  t('销售预测', 'sales forecast'), t('客户管理软件', 'customer management software'), t('BI 报表', 'bi dashboard'),
];
export const INTL_KEYWORDS: LocalText[] = [
  'crm software', 'sales funnel analytics', 'pipeline management', 'revenue forecasting', 'b2b crm', 'win rate',
].map(same);

/** Webinar and trade-show topics; Chinese-region events have Chinese titles in a UTF-8 org. */
export const EVENT_TOPICS: LocalText[] = [
  t('数字化转型', 'Digital Transformation'), t('销售漏斗管理', 'Funnel Management'), t('制造业峰会', 'Manufacturing Summit'),
  t('零售增长', 'Retail Growth'), t('数据驱动销售', 'Data-driven Sales'),
];

/** Seasonality of lead inflow by calendar month: Chinese New Year, summer and year-end are slow. */
export const MONTH_WEIGHT = [0.9, 0.6, 1.15, 1.05, 1.0, 1.05, 0.9, 0.8, 1.15, 0.95, 1.2, 0.8];
