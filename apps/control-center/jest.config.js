// Unit specs of the page's pure parts (layout, event parsing) and the browser spec, which starts the
// built orchestrator and drives Debian's chromium through playwright-core.
module.exports = {
  displayName: 'control-center',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/control-center',
};
