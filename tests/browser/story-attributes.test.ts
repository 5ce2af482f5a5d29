/**
 * The stories' widgetAttributes (stories/controls.ts): a control left empty, or at the element's default, leaves
 * the attribute off; changing a control sets, changes or removes the attribute on the same element (Storybook's
 * controls re-render the story), so the widget keeps its numbers while it computes again.
 */
import { html, render } from 'lit';
import { afterEach, expect, test } from 'vitest';
import { widgetArgs, widgetAttributes, type WidgetArgs } from '../../stories/controls.ts';

const host = document.createElement('div');
afterEach(() => host.remove());

const attributesOf = (el: Element) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));

test('empty and default controls leave attributes off; a change updates the same element', () => {
  document.body.append(host);
  const draw = (a: WidgetArgs, own: Record<string, string | number | boolean | undefined>) =>
    render(html`<x-widget ${widgetAttributes(a, own)}></x-widget>`, host);

  draw(widgetArgs, { by: '', strict: false });
  const el = host.querySelector('x-widget')!;
  expect(attributesOf(el)).toEqual({ src: '/data/demo/manifest.json', locale: 'en' });

  draw({ ...widgetArgs, locale: 'zh-CN', theme: 'dark', view: 'table', headingLevel: 3, label: 'Pipeline' }, { by: 'source', strict: true });
  expect(host.querySelector('x-widget')).toBe(el);
  expect(attributesOf(el)).toEqual({
    src: '/data/demo/manifest.json',
    locale: 'zh-CN',
    by: 'source',
    strict: '',
    theme: 'dark',
    view: 'table',
    label: 'Pipeline',
    'heading-level': '3',
  });

  draw({ ...widgetArgs, mode: 'wall', refresh: 30 }, { by: '', strict: false });
  expect(attributesOf(el)).toEqual({ src: '/data/demo/manifest.json', locale: 'en', mode: 'wall', refresh: '30' });
});
