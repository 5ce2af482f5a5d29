import { weighted, type Random } from '../random.ts';
import {
  AWKWARD_COMPANIES, BUDGET_CUT_ZH, CN_BRANDS, CN_GIVEN, CN_SURNAMES, DIRECT_SOURCES, EVENT_TOPICS, INDUSTRIES,
  INTL_BRANDS, INTL_FIRST, INTL_KEYWORDS, INTL_LAST, KEYWORDS, LEAD_SOURCES, LOSS_REASONS, LOST, MONTH_WEIGHT,
  POC_STAGE, PRODUCTS, REGIONS, STAGE_DAYS, STAGE_LOSS, STAGES, TITLES, USERS, WON, ascii,
  type Industry, type LeadSource, type LocalText, type Place, type Region, type Team, type User,
} from './catalog.ts';

/**
 * Simulates lead and opportunity journeys as plain data (times in ms since the epoch, UTC, whole
 * seconds). Nothing here knows about CSV or layouts, and every random draw is made the same way for
 * both layouts, so one seed gives the same journeys whichever layout is written.
 *
 * Time runs from `start` (24 months before asOf) to `exportAt` (00:00 UTC on asOf, the moment the
 * export was taken): a step that would happen at or after exportAt has not happened yet, which is
 * why recent leads and deals are still open.
 */

const DAY = 86_400_000;

/** A company; its name is composed per layout by companyName() (parts, so the simulation builds no text it won't write). */
export interface Company {
  region: Region;
  place: Place;
  industry: Industry;
  employees: number;
  /** Chinese names: city + trade name + industry word + legal form. */
  city: LocalText;
  brand: LocalText;
  word: LocalText;
  suffix: LocalText;
  /** A rare name that stresses CSV quoting, used as is. */
  awkward: string | null;
  /** For e-mail addresses: "huaxin.cn". */
  domain: string;
}

export interface Person {
  first: LocalText;
  last: LocalText;
  /** Chinese names are written family name first without a space; their pinyin is written "Given Family". */
  chinese: boolean;
  email: string;
}

export function companyName(c: Company, latin: boolean): string {
  if (c.awkward !== null) return c.awkward;
  if (!c.region.chinese) return `${c.brand.latin} ${c.word.latin} ${c.suffix.latin}`;
  return latin
    ? `${c.city.latin} ${c.brand.latin} ${c.word.latin} ${c.suffix.latin}`
    : `${c.city.native}${c.brand.native}${c.word.native}${c.suffix.native}`;
}

export function personName(p: Person, latin: boolean): string {
  return p.chinese && !latin ? `${p.last.native}${p.first.native}` : `${p.first.latin} ${p.last.latin}`;
}

export interface Marketing {
  campaign: LocalText | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  keyword: LocalText | null;
}

export type LeadStatus =
  | 'Open - Not Contacted'
  | 'Working - Contacted'
  | 'Marketing Qualified'
  | 'Sales Qualified'
  | 'Closed - Converted'
  | 'Closed - Not Converted';

export interface LeadJourney {
  source: LeadSource;
  company: Company;
  person: Person;
  title: LocalText;
  /** Rich-text debris: 1 = a NUL byte (written in the weekly layout only), 2 = a line break (both). */
  titleQuirk: 0 | 1 | 2;
  marketing: Marketing;
  owner: User;
  created: number;
  /** null when the lead has not reached the step (yet). */
  mqlAt: number | null;
  sqlAt: number | null;
  convertedAt: number | null;
  status: LeadStatus;
  lastModified: number;
}

export interface Account {
  /** Set by the writer when the account row is written. */
  id: string;
  company: Company;
  owner: User;
  created: number;
  type: 'Prospect' | 'Customer - Direct' | 'Customer - Channel';
}

export interface HistoryEvent {
  at: number;
  stage: string;
  amount: number;
  /** UTC midnight of the expected (or, once closed, actual) close day. */
  closeDate: number;
}

export interface OpportunityJourney {
  account: Account;
  /** A new account is written with the opportunity; an existing one was written before. */
  newAccount: boolean;
  source: string | null;
  type: 'New Customer' | 'Existing Customer - Upgrade' | 'Existing Customer - Replacement';
  product: string;
  owner: User;
  created: number;
  history: HistoryEvent[];
  isClosed: boolean;
  isWon: boolean;
  /** The history passed through Proof of Concept. */
  hadPoc: boolean;
  pocResult: 'Passed' | 'Failed' | null;
  lossReason: LocalText | null;
  lastModified: number;
}

const same = (s: string): LocalText => ({ native: s, latin: s });
const TITLES_EN = TITLES.map((x) => same(x.latin));
const KEYWORDS_INTL = KEYWORDS.map((x) => same(x.latin)).concat(INTL_KEYWORDS);
const TOPICS_EN = EVENT_TOPICS.map((x) => same(x.latin));
const INTL_BRANDS_T = INTL_BRANDS.map(same);
const WEBSITE = same('Website Inbound');
const PARTNERS = same('Partner Program');
const EMPLOYEES = same('Employee Referral Program');
const INTL_FIRST_T = INTL_FIRST.map(same);
const INTL_LAST_T = INTL_LAST.map(same);

const pickSource = weighted(LEAD_SOURCES.map((s) => [s, s.weight] as const));
const pickDirectSource = weighted(DIRECT_SOURCES);
const pickRegion = weighted(REGIONS.map((r) => [r, r.weight] as const));
const pickIndustry = weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
const pickProduct = weighted(PRODUCTS.map(([name, w, factor]) => [{ name, factor }, w] as const));
const pickLossReason = STAGES.map((_, stage) => weighted(LOSS_REASONS.map(([reason, w]) => [reason, w[stage]!] as const)));
const lossFactorOf = new Map(LEAD_SOURCES.map((s) => [s.name, s.lossFactor]));

/** Who covers a team in a region: before and after the date a departed user left (Infinity: never left). */
interface Cover { user: User; leftAt: number; successor: User }
const covers = new Map<Team, Map<Region, Cover>>();
for (const region of REGIONS) {
  for (const u of USERS) {
    if (!u.regions.includes(region.name.native)) continue;
    const byRegion = covers.get(u.team) ?? new Map<Region, Cover>();
    covers.set(u.team, byRegion);
    if (byRegion.has(region)) continue;
    const successor = USERS.find((s) => s.key === u.successor) ?? u;
    byRegion.set(region, { user: u, leftAt: u.leftOn ? Date.parse(`${u.leftOn}T00:00:00Z`) : Infinity, successor });
  }
}

function ownerFor(team: Team, region: Region, at: number): User {
  const c = covers.get(team)?.get(region);
  if (!c) throw new Error(`no ${team} user covers ${region.name.native}`);
  return at >= c.leftAt ? c.successor : c.user;
}

/** The seasonal weight of a time's calendar month, cached per day (Date objects are slow in a hot loop). */
const monthWeights = new Map<number, number>();
function monthWeight(ms: number): number {
  const day = Math.floor(ms / DAY);
  let w = monthWeights.get(day);
  if (w === undefined) {
    w = MONTH_WEIGHT[new Date(day * DAY).getUTCMonth()]!;
    monthWeights.set(day, w);
  }
  return w;
}

/** "2025Q3" for a time; cached per day, as the marketing fields ask for it on every lead. */
const quarters = new Map<number, string>();
function quarter(ms: number): string {
  const day = Math.floor(ms / DAY);
  let q = quarters.get(day);
  if (q === undefined) {
    const d = new Date(day * DAY);
    q = `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    quarters.set(day, q);
  }
  return q;
}

export class Simulator {
  /** Won accounts that sales may sell to again (bounded, so memory stays flat). */
  private readonly customers: { account: Account; wonAt: number }[] = [];
  private customerSlot = 0;
  private readonly maxSeasonWeight = Math.max(...MONTH_WEIGHT) * 1.2;

  constructor(private readonly rng: Random, private readonly start: number, readonly exportAt: number) {}

  /** A duration in whole seconds, lognormal around `medianDays`, at least a minute. */
  private days(medianDays: number, sigma: number): number {
    return Math.max(60_000, Math.round(this.rng.lognormal(medianDays, sigma) * 86_400) * 1000);
  }

  /** A created time: more in busy months, a growing business, weekdays, local office hours. */
  private createdTime(region: Region): number {
    const span = this.exportAt - this.start;
    for (;;) {
      const at = this.start + this.rng.next() * span;
      const dayStart = Math.floor(at / DAY) * DAY;
      const weekday = (Math.floor(at / DAY) + 4) % 7; // 1970-01-01 was a Thursday
      const growth = 0.8 + 0.4 * ((at - this.start) / span);
      const w = (monthWeight(at) * growth * (weekday === 0 || weekday === 6 ? 0.2 : 1)) / this.maxSeasonWeight;
      const localHour = 8.5 + this.rng.next() * 9.5;
      const t = dayStart + Math.round((localHour - region.utcOffset) * 3600) * 1000;
      if (this.rng.next() < w && t >= this.start && t < this.exportAt) return t;
    }
  }

  private company(): Company {
    const rng = this.rng;
    const region = pickRegion(rng);
    const place = rng.pick(region.places);
    const industry = pickIndustry(rng);
    const employees = Math.round(Math.min(200_000, Math.max(5, rng.lognormal(250, 1.4))));
    const word = rng.pick(industry.words);
    const suffix = rng.pick(place.suffixes);
    const city = rng.pick(place.cities);
    if (region.chinese) {
      const brand = rng.pick(CN_BRANDS);
      return { region, place, industry, employees, city, brand, word, suffix, awkward: null, domain: `${ascii(brand.latin)}.${place.tld}` };
    }
    const awkward = rng.chance(0.01) ? rng.pick(AWKWARD_COMPANIES) : null;
    const brand = rng.pick(INTL_BRANDS_T);
    const domain = `${ascii(awkward ?? brand.latin).replaceAll(' ', '')}.${place.tld}`;
    return { region, place, industry, employees, city, brand, word, suffix, awkward, domain };
  }

  private person(company: Company): Person {
    const rng = this.rng;
    const chinese = company.region.chinese;
    const last = chinese ? rng.pick(CN_SURNAMES) : rng.pick(INTL_LAST_T);
    const first = chinese ? rng.pick(CN_GIVEN) : rng.pick(INTL_FIRST_T);
    return { first, last, chinese, email: `${ascii(first.latin)}.${ascii(last.latin)}@${company.domain}` };
  }

  /** Campaign and UTM fields as marketing ops fill them for each channel. */
  private marketing(source: string, company: Company, created: number): Marketing {
    const rng = this.rng;
    const cn = company.region.chinese;
    const q = quarter(created);
    const none: Marketing = { campaign: null, utmSource: null, utmMedium: null, utmCampaign: null, keyword: null };
    switch (source) {
      case 'Web': {
        const kind = rng.next();
        if (kind < 0.6) {
          return { ...none, campaign: WEBSITE, utmSource: cn ? 'baidu' : 'google', utmMedium: 'organic', keyword: rng.pick(cn ? KEYWORDS : KEYWORDS_INTL) };
        }
        if (kind < 0.85) return { ...none, campaign: WEBSITE, utmSource: cn ? 'zhihu' : 'linkedin', utmMedium: 'referral' };
        return { ...none, campaign: WEBSITE };
      }
      case 'Advertisement': {
        const network = cn ? (rng.chance(0.7) ? 'Baidu SEM' : 'WeChat Ads') : rng.chance(0.6) ? 'Google Ads' : 'LinkedIn Ads';
        const search = network.endsWith('SEM') || network === 'Google Ads';
        return {
          campaign: same(`${q} ${network}`),
          utmSource: network.split(' ')[0]!.toLowerCase(),
          utmMedium: search ? 'cpc' : 'paid_social',
          utmCampaign: `${q.toLowerCase()}_${search ? 'search' : 'social'}`,
          keyword: search ? rng.pick(cn ? KEYWORDS : KEYWORDS_INTL) : null,
        };
      }
      case 'Webinar': {
        const topic = rng.pick(cn ? EVENT_TOPICS : TOPICS_EN);
        return {
          ...none,
          campaign: { native: cn ? `${q} 线上研讨会: ${topic.native}` : `${q} Webinar: ${topic.latin}`, latin: `${q} Webinar: ${topic.latin}` },
          utmSource: cn ? 'wechat' : rng.chance(0.5) ? 'newsletter' : 'linkedin',
          utmMedium: cn || rng.chance(0.5) ? 'social' : 'email',
          utmCampaign: `${q.toLowerCase()}_webinar_${ascii(topic.latin).replace(/ /g, '_')}`,
        };
      }
      case 'Trade Show': {
        const topic = rng.pick(cn ? EVENT_TOPICS : TOPICS_EN);
        return { ...none, campaign: { native: cn ? `${q} 展会: ${topic.native}` : `${q} Trade Show: ${topic.latin}`, latin: `${q} Trade Show: ${topic.latin}` } };
      }
      case 'Partner Referral':
        return { ...none, campaign: PARTNERS };
      case 'Employee Referral':
        return { ...none, campaign: EMPLOYEES };
      case 'Purchased List':
        return { ...none, campaign: same(`List Import ${new Date(created).toISOString().slice(0, 7)}`) };
      default:
        return none;
    }
  }

  /**
   * A lead and how far it got: contacted, MQL, SQL, converted — each step with its source's rate and
   * a lognormal delay. A lead that fails a step is closed a while later, unless it is left to go stale.
   */
  lead(): LeadJourney {
    const rng = this.rng;
    const source = pickSource(rng);
    const company = this.company();
    const person = this.person(company);
    const cn = company.region.chinese;
    const titleIndex = rng.int(0, TITLES.length - 1);
    const title = (cn ? TITLES : TITLES_EN)[titleIndex]!;
    const quirk = rng.next();
    const titleQuirk = quirk < 0.002 ? 1 : quirk < 0.003 ? 2 : 0;
    const created = this.createdTime(company.region);
    const marketing = this.marketing(source.name, company, created);

    // A neglected lead is never contacted; Infinity carries through, so none of its later steps happen.
    const neglected = rng.chance(0.03);
    const contactedAt = neglected ? Infinity : created + this.days(1.5, 1.0);
    let mqlAt = Infinity, sqlAt = Infinity, convertedAt = Infinity, closedAt = Infinity;
    if (rng.chance(source.mql)) {
      mqlAt = contactedAt + this.days(4, 0.9);
      if (rng.chance(source.sql)) {
        sqlAt = mqlAt + this.days(7, 0.8);
        if (rng.chance(source.convert)) convertedAt = sqlAt + this.days(10, 0.8);
        else closedAt = sqlAt + this.days(30, 0.8);
      } else closedAt = mqlAt + this.days(25, 0.8);
    } else closedAt = contactedAt + this.days(20, 0.8);
    // Some failed leads are never closed: they sit in their last status (the recycle candidates).
    if (rng.chance(0.1)) closedAt = Infinity;

    const exportAt = this.exportAt;
    let status: LeadStatus;
    if (convertedAt < this.exportAt) status = 'Closed - Converted';
    else if (closedAt < this.exportAt) status = 'Closed - Not Converted';
    else if (sqlAt < this.exportAt) status = 'Sales Qualified';
    else if (mqlAt < this.exportAt) status = 'Marketing Qualified';
    else if (contactedAt < this.exportAt) status = 'Working - Contacted';
    else status = 'Open - Not Contacted';

    const team: Team = source.name === 'Partner Referral' ? 'Channel' : company.employees >= 1000 ? 'Enterprise Sales' : 'Mid-Market';
    const owner = status === 'Closed - Converted' || status === 'Sales Qualified' ? ownerFor(team, company.region, created) : ownerFor('Sales Development', company.region, created);
    let last = created;
    for (const t of [contactedAt, mqlAt, sqlAt, convertedAt, closedAt]) if (t < exportAt && t > last) last = t;
    return {
      source, company, person, title, titleQuirk, marketing, owner, created,
      mqlAt: mqlAt < exportAt ? mqlAt : null,
      sqlAt: sqlAt < exportAt ? sqlAt : null,
      convertedAt: convertedAt < exportAt ? convertedAt : null,
      status,
      lastModified: Math.min(this.exportAt - 1000, last + rng.int(0, 600) * 1000),
    };
  }

  /** The opportunity a converted lead became, with a new account, created at conversion. */
  convertedOpportunity(lead: LeadJourney): OpportunityJourney {
    const at = lead.convertedAt!;
    const account: Account = { id: '', company: lead.company, owner: lead.owner, created: at, type: 'Prospect' };
    // A third of converted leads were qualified enough to start at Qualification: history starts mid-funnel.
    const firstStage = this.rng.chance(0.3) ? 1 : 0;
    return this.opportunity(account, true, lead.source.name, 'New Customer', lead.owner, at, firstStage);
  }

  /** A sales-sourced opportunity (no lead): often an upsell to a customer, else a new logo. */
  directOpportunity(): OpportunityJourney {
    const rng = this.rng;
    const source = pickDirectSource(rng);
    if (this.customers.length > 0 && rng.chance(0.45)) {
      const { account, wonAt } = rng.pick(this.customers);
      const at = wonAt + this.days(120, 0.7);
      if (at < this.exportAt) {
        const type = rng.chance(0.7) ? 'Existing Customer - Upgrade' : 'Existing Customer - Replacement';
        return this.opportunity(account, false, source, type, account.owner, at, 0);
      }
    }
    const company = this.company();
    const created = this.createdTime(company.region);
    const team: Team = source === 'Partner Referral' ? 'Channel' : company.employees >= 1000 ? 'Enterprise Sales' : 'Mid-Market';
    const owner = ownerFor(team, company.region, created);
    const account: Account = { id: '', company, owner, created, type: 'Prospect' };
    return this.opportunity(account, true, source, 'New Customer', owner, created, 0);
  }

  /** Remembers a won account (after its row has its id) so later direct deals can upsell it. */
  rememberCustomer(account: Account, wonAt: number): void {
    const entry = { account, wonAt };
    if (this.customers.length < 4096) this.customers.push(entry);
    else this.customers[this.customerSlot++ % 4096] = entry;
  }

  /**
   * Walks a deal through the stages. At each stage it may be lost (stage hazard × source factor);
   * it stays a lognormal while, during which the rep may change the amount or push the close date
   * (history rows that repeat the stage) or step back a stage. Some deals skip a stage, a few stall.
   * Everything at or after exportAt is cut off, leaving the deal open where it was.
   */
  private opportunity(
    account: Account, newAccount: boolean, source: string | null, type: OpportunityJourney['type'],
    owner: User, created: number, firstStage: number,
  ): OpportunityJourney {
    const rng = this.rng;
    const { industry, employees, region } = account.company;
    const product = pickProduct(rng);
    const size = employees < 200 ? 0.6 : employees < 1000 ? 1 : employees < 5000 ? 1.8 : 2.8;
    const slow = employees >= 1000 ? 1.5 : 1;
    const lossFactor = source === null ? 1 : lossFactorOf.get(source) ?? 1;
    const hasPoc = rng.chance(industry.poc);
    const stalled = rng.chance(0.06);

    const path: number[] = [];
    for (let s = firstStage; s < STAGES.length; s++) {
      if (s === POC_STAGE && !hasPoc) continue;
      // Reps sometimes jump a step; never the first stage or the POC (that is a real event).
      if (path.length > 0 && (s === 1 || s === 2) && rng.chance(0.06)) continue;
      path.push(s);
    }
    const stallAt = stalled ? rng.int(0, path.length - 1) : -1;

    let amount = Math.max(1000, Math.round(rng.lognormal(60_000 * size * product.factor, 0.9) / 10) * 10);
    let closeDate = Math.floor((created + this.days(60 * slow, 0.4)) / DAY) * DAY;
    const events: HistoryEvent[] = [{ at: created, stage: STAGES[path[0]!]!, amount, closeDate }];
    let t = created;
    let lostAt = -1;

    for (let i = 0; i < path.length; i++) {
      const stage = STAGES[path[i]!]!;
      const dwell = this.days(STAGE_DAYS[path[i]!]! * slow, 0.7);
      const lost = rng.chance(Math.min(0.9, STAGE_LOSS[path[i]!]! * lossFactor));

      // Changes while in this stage, at fractions of the dwell time, in time order.
      const changes: { f: number; stage: string; kind: 'amount' | 'close' | 'stage' }[] = [];
      if (rng.chance(0.35)) changes.push({ f: rng.uniform(0.1, 0.9), stage, kind: 'amount' });
      if (rng.chance(0.2)) changes.push({ f: rng.uniform(0.1, 0.9), stage, kind: 'close' });
      if (i > 0 && rng.chance(0.04)) {
        // Back a stage (the buyer reopened requirements), then forward again.
        changes.push({ f: 0.55, stage: STAGES[path[i - 1]!]!, kind: 'stage' }, { f: 0.85, stage, kind: 'stage' });
      }
      changes.sort(byFraction);
      for (const c of changes) {
        if (c.kind === 'amount') amount = Math.max(1000, Math.round((amount * rng.uniform(0.8, 1.25)) / 10) * 10);
        if (c.kind === 'close') closeDate += rng.int(7, 45) * DAY;
        events.push({ at: t + Math.round((dwell * c.f) / 1000) * 1000, stage: c.stage, amount, closeDate });
      }
      if (i === stallAt) break;

      t += dwell;
      const next = lost ? LOST : i === path.length - 1 ? WON : STAGES[path[i + 1]!]!;
      const closing = next === LOST || next === WON;
      events.push({ at: t, stage: next, amount, closeDate: closing ? Math.floor(t / DAY) * DAY : closeDate });
      if (lost) lostAt = path[i]!;
      if (closing) break;
    }

    // The export sees only what happened before it was taken.
    let seen = 0;
    while (seen < events.length && events[seen]!.at < this.exportAt) seen++;
    const lastEvent = events[seen - 1]!;
    const isClosed = lastEvent.stage === WON || lastEvent.stage === LOST;
    const isWon = lastEvent.stage === WON;
    const history: HistoryEvent[] = [];
    for (const e of events.slice(0, seen)) {
      // A closed deal's export holds nothing after asOf: expected dates beyond it become the eve of asOf,
      // and a close-date change that this makes a no-op is dropped.
      if (isClosed) e.closeDate = Math.min(e.closeDate, this.exportAt - DAY);
      const prev = history[history.length - 1];
      if (prev && prev.stage === e.stage && prev.amount === e.amount && prev.closeDate === e.closeDate) continue;
      history.push(e);
    }
    const last = history[history.length - 1]!;
    if (!isClosed && last.closeDate <= this.exportAt) {
      // An open deal's close date is in the future: the rep pushed it shortly before the export.
      const at = last.at + Math.round(((this.exportAt - last.at) * rng.uniform(0.3, 0.95)) / 1000) * 1000;
      history.push({ ...last, at: Math.min(at, this.exportAt - 1000), closeDate: this.exportAt + rng.int(7, 90) * DAY });
    }

    const poc = pocOutcome(history);
    const hadPoc = poc !== 'none';
    const pocResult = !hadPoc ? null : isClosed && !isWon && lostAt === POC_STAGE ? 'Failed' : poc === 'passed' ? 'Passed' : null;
    let lossReason: LocalText | null = null;
    if (isClosed && !isWon) {
      const reason = pickLossReason[lostAt]!(rng);
      lossReason = reason === 'Budget Cut' && region.chinese && rng.chance(0.5) ? { native: BUDGET_CUT_ZH, latin: reason } : same(reason);
    }
    if (isWon && account.type === 'Prospect') {
      account.type = source === 'Partner Referral' ? 'Customer - Channel' : 'Customer - Direct';
    }
    const lastAt = history[history.length - 1]!.at;
    return {
      account, newAccount, source, type, product: product.name, owner, created, history, isClosed, isWon, hadPoc,
      pocResult, lossReason, lastModified: Math.min(this.exportAt - 1000, lastAt + rng.int(0, 300) * 1000),
    };
  }
}

const byFraction = (a: { f: number }, b: { f: number }) => a.f - b.f;
const PAST_POC = new Set<string>([...STAGES.slice(POC_STAGE + 1), WON]);

/** Whether the history has a Proof of Concept row, and whether the deal went on from it (passed). */
function pocOutcome(history: HistoryEvent[]): 'none' | 'held' | 'passed' {
  let seen = false;
  for (const e of history) {
    if (e.stage === STAGES[POC_STAGE]) seen = true;
    else if (seen && PAST_POC.has(e.stage)) return 'passed';
  }
  return seen ? 'held' : 'none';
}
