#!/usr/bin/env node
// Lists optional dependencies that package-lock.json names but does not hold.
// `npm install` skips such gaps silently and `npm ci` then fails (STACK.md P11), so CI runs this.
'use strict';
const { packages } = require('../../package-lock.json');
const present = new Set(Object.keys(packages).map((key) => key.replace(/^.*node_modules\//, '')));
const missing = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!present.has(dep)) missing.push(`${key || '(root)'}@${entry.version} is missing optional ${dep}`);
  }
}
if (missing.length > 0) {
  console.error(missing.join('\n'));
  console.error(
    `\n${missing.length} optional dependencies are absent from package-lock.json: pin a version that has them (see "overrides" in package.json).`,
  );
  process.exit(1);
}
console.log('optional dependencies: all present in package-lock.json');
