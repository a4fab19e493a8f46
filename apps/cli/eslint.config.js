module.exports = [
  ...require('../../eslint.config.js'),
  {
    // The CLI is a front door: it reaches connections and state only through the engine's API.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@provisioning/remote',
              message:
                'the CLI talks to hosts through @provisioning/engine (openInfra), never @provisioning/remote directly',
            },
            {
              name: '@provisioning/store',
              message:
                'the CLI reads state through @provisioning/engine (openInfra, openState), never @provisioning/store directly',
            },
          ],
        },
      ],
    },
  },
];
