module.exports = [
  ...require('../../eslint.config.js'),
  // The README's example is written as a user writes it: importing the package by name.
  { files: ['examples/**/*.ts'], rules: { '@nx/enforce-module-boundaries': 'off' } },
];
