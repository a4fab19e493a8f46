#!/usr/bin/env node
// Sums the per-run files jest-count-reporter.js wrote and prints the line CI reads:
// "N passed, N failed, N skipped". Exits 1 when a test failed or when no test ran at all.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const run = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const key of Object.keys(total)) total[key] += run[key];
  if (run.failed > 0) console.log(`failed in ${run.project}: ${run.failed}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
