// Lints made-up files as if they were committed at the given paths, with the repo's real ESLint
// config. Runs as its own process because ESLint loads its config through import(), which jest's
// module sandbox refuses (Nx's graph plugins load eslint the same way). Input (stdin): [{ file, code }]. Output (stdout): [[message, ...], ...].
'use strict';
const { createProjectGraphAsync } = require('@nx/devkit');
const { ESLint } = require('eslint');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  // The boundary rule reads the cached project graph; a fresh clone has none yet.
  await createProjectGraphAsync({ exitOnError: false });
  const eslint = new ESLint({ cwd: root });
  const results = [];
  for (const { file, code } of JSON.parse(input)) {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    results.push(result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
