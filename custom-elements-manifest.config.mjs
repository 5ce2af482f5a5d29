// The custom-elements manifest (custom-elements.json) from the elements' JSDoc: @attr, @fires, @csspart,
// @cssproperty, @slot. `npm run cem` writes it at the top (Storybook's docs read it); `npm run build` into dist/.
export default {
  globs: ['widgets/**/*.ts'],
  exclude: ['widgets/**/*.lib.ts', 'widgets/**/define.ts', 'widgets/index.ts'],
  litelement: true,
  packagejson: false,
};
