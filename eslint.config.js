// Root lint config. The dependency rules of DESIGN.md are the depConstraints below: a project's
// `layer:*` tag says which layers it may import from. Every project's eslint.config.js extends this.
const nx = require('@nx/eslint-plugin');

const layerRules = [
  { sourceTag: 'layer:sdk', onlyDependOnLibsWithTags: ['layer:sdk'] },
  { sourceTag: 'layer:lib', onlyDependOnLibsWithTags: ['layer:sdk'] },
  { sourceTag: 'layer:engine', onlyDependOnLibsWithTags: ['layer:sdk', 'layer:lib'] },
  { sourceTag: 'layer:distribution', onlyDependOnLibsWithTags: ['layer:sdk', 'layer:lib'] },
  { sourceTag: 'layer:extension', onlyDependOnLibsWithTags: ['layer:sdk'] },
  {
    sourceTag: 'layer:app',
    onlyDependOnLibsWithTags: [
      'layer:sdk',
      'layer:lib',
      'layer:engine',
      'layer:distribution',
      'layer:extension',
    ],
  },
  {
    sourceTag: 'layer:tool',
    onlyDependOnLibsWithTags: ['layer:sdk', 'layer:lib', 'layer:engine', 'layer:distribution', 'layer:tool'],
  },
  {
    sourceTag: 'layer:e2e',
    // The e2e suite runs the task services' scenarios (data exported by each extension).
    onlyDependOnLibsWithTags: [
      'layer:sdk',
      'layer:lib',
      'layer:engine',
      'layer:distribution',
      'layer:tool',
      'layer:extension',
    ],
  },
  { sourceTag: 'layer:template', onlyDependOnLibsWithTags: [] },
];

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/.nx', '**/tmp', '**/files/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The CLI imports libraries lazily at each command's handler boundary; static imports behind
          // that boundary are intended, so mixing both is not an error.
          checkDynamicDependenciesExceptions: ['.*'],
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?js$'],
          depConstraints: layerRules,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
module.exports.layerRules = layerRules;
