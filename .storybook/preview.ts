import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { settle, type Settled } from '../stories/play.ts';

// Docs pages list each element's attributes, events, parts and CSS properties from the custom-elements
// manifest (`npm run cem`, run by `npm run storybook` and `build-storybook`); without it they show the stories only.
const manifests = import.meta.glob<{ default: object }>('../custom-elements.json', { eager: true });
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
  // Every story is a test: after it renders (and its play function, if any, ran), each widget in it must
  // settle in the state the story promises — `parameters.revlens.expect`, 'ready' unless it says otherwise.
  async afterEach({ canvasElement, parameters }) {
    await settle(canvasElement, (parameters.revlens as { expect?: Settled } | undefined)?.expect);
  },
};

export default preview;
