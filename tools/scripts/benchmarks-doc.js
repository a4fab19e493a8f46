// Replaces the text between <!-- bench:NAME --> and <!-- /bench:NAME --> in docs/benchmarks.md,
// so each benchmark script owns its own section and leaves the prose around it alone.
'use strict';
const fs = require('node:fs');

function replaceSection(file, name, body) {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(
      `${file} has no ${open} ... ${close} section: add the two markers where the figures belong.`,
    );
  }
  fs.writeFileSync(file, `${text.slice(0, start + open.length)}\n${body}\n${text.slice(end)}`);
}

module.exports = { replaceSection };
