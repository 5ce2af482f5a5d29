import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';

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
};

export default preview;
