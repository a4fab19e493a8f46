module.exports = [
  ...require('../../eslint.config.js'),
  {
    // The MCP server is a front door: it reaches connections and state only through the engine's API.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@provisioning/remote',
              message:
                'the MCP server talks to hosts through @provisioning/engine (openInfra), never @provisioning/remote directly',
            },
            {
              name: '@provisioning/store',
              message:
                'the MCP server reads state through @provisioning/engine (openInfra, openState), never @provisioning/store directly',
            },
          ],
        },
      ],
    },
  },
];
