/**
 * What the stories share: each control declared once, the args behind it, and the stories every widget has.
 * The datasets a story can show, picked with the `src` control: the generated demo and real CRM exports, all
 * synced by `npm run demo:data` (scripts/demo-data.ts) into demo/public/data/, served as /data/.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';
import { expect } from 'storybook/test';
import { settle, visibleButtons } from './play.ts';

const DEMO = '/data/demo/manifest.json';

const DATASETS: Record<string, string> = {
  'Demo (generated, 2,000 opportunities)': DEMO,
  'Salesforce developer org (real export)': '/data/salesforce-devorg/manifest.json',
  'Salesforce sample assets (real export)': '/data/salesforce-sfdc-assets/manifest.json',
  'Maven CRM (real CSV, example mapping)': '/data/maven-crm/manifest.json',
  'Olist marketing funnel (real CSV, example mapping)': '/data/olist-funnel/manifest.json',
};

const srcControl = {
  control: { type: 'select' as const, labels: Object.fromEntries(Object.entries(DATASETS).map(([label, url]) => [url, label])) },
  options: Object.values(DATASETS),
  description: 'The dataset (its manifest.json): the generated demo or a synced real CRM export',
};

/** What every element and board story has: the data, the language, the theme. */
export interface CommonArgs {
  src: string;
  locale: 'en' | 'zh-CN';
  theme: 'light' | 'dark' | 'wall';
}
export const commonArgs: CommonArgs = { src: DEMO, locale: 'en', theme: 'light' };
export const commonControls = {
  src: srcControl,
  locale: { control: 'inline-radio' as const, options: ['en', 'zh-CN'] },
  theme: { control: 'inline-radio' as const, options: ['light', 'dark', 'wall'] },
};

/** Wall mode, for the boards and every chart element; `refresh` only on the wall story, where it matters. */
export interface WallArgs {
  mode: '' | 'wall';
  refresh?: number;
}
export const modeControl = {
  control: { type: 'inline-radio' as const, labels: { '': 'off' } },
  options: ['', 'wall'],
  description: 'Wall display: large type, no buttons, reloads on a new sync',
};

/** What every chart element (RevlensWidget) has besides the common args: wall mode, the table view, its title. */
export interface WidgetArgs extends CommonArgs, WallArgs {
  view: 'chart' | 'table';
  label: string;
  headingLevel: number;
}
export const widgetArgs: WidgetArgs = { ...commonArgs, mode: '', view: 'chart', label: '', headingLevel: 2 };

/** An attribute's value from a control: undefined, '' and false leave the attribute off; true sets it empty. */
type AttributeValue = string | number | boolean | undefined;
const absent = (v: AttributeValue) => v === undefined || v === '' || v === false;

/** Sets the attributes named in an object on the element it is bound to, and removes those that went absent. */
class Attributes extends Directive {
  private _set = new Set<string>();
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('attributes() goes inside an element tag');
  }
  render(_values: Record<string, AttributeValue>) {
    return noChange;
  }
  override update(part: ElementPart, [values]: [Record<string, AttributeValue>]) {
    for (const name of this._set) if (absent(values[name])) part.element.removeAttribute(name);
    this._set = new Set(Object.keys(values).filter((name) => !absent(values[name])));
    for (const name of this._set) part.element.setAttribute(name, values[name] === true ? '' : String(values[name]));
    return noChange;
  }
}
const attributes = directive(Attributes);

/**
 * A widget story's attributes: the ones every widget has, then its `own`. An empty control, or one at the element's
 * default, leaves its attribute off, as a page author would; changing a control updates the element in place.
 */
export const widgetAttributes = (a: WidgetArgs, own: Record<string, AttributeValue>) =>
  attributes({
    src: a.src,
    locale: a.locale,
    ...own,
    theme: a.theme === 'light' ? undefined : a.theme,
    mode: a.mode,
    refresh: a.refresh,
    view: a.view === 'chart' ? undefined : a.view,
    label: a.label,
    'heading-level': a.headingLevel === 2 ? undefined : a.headingLevel,
  });
export const viewControls = {
  mode: modeControl,
  view: { control: 'inline-radio' as const, options: ['chart', 'table'] },
};
export const headingControls = {
  label: { control: 'text' as const, description: 'label: the title above the chart (empty: the element\'s own, e.g. "Revenue funnel")' },
  headingLevel: {
    control: { type: 'number' as const, min: 1, max: 6, step: 1 },
    description: "heading-level: the title's level in the page's outline (default 2; the element's sub-headings sit one below)",
  },
};

/** Stories every widget has: a dataset that is not there, the dark theme; and the wall, every one but health (its list keeps its sort buttons). */
export const missingDataset = {
  name: 'Error: missing dataset',
  args: { src: '/data/no-such-dataset/manifest.json' },
  parameters: { revlens: { expect: 'error' } },
};
export const dark = { args: { theme: 'dark' as const }, parameters: { backgrounds: { disable: true } } };

/** As a test: a wall has nobody to press buttons, so no widget on it shows any (a board hands its mode down). */
export const wall = {
  args: { theme: 'wall' as const, mode: 'wall' as const, refresh: 60 },
  argTypes: { refresh: { control: { type: 'number' as const, min: 5 }, description: 'Seconds between looks for a new sync (default 60)' } },
  parameters: { backgrounds: { disable: true }, layout: 'fullscreen' },
  async play({ canvasElement, args }: { canvasElement: HTMLElement; args: WallArgs }) {
    const widgets = await settle(canvasElement);
    expect(widgets.map((w) => [w.localName, w.getAttribute('mode'), visibleButtons(w).length])).toEqual(
      widgets.map((w) => [w.localName, args.mode, 0]),
    );
  },
};
