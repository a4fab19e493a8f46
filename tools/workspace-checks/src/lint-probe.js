// Lints made-up files as if they were committed at the given paths, with the repo's real ESLint
// config. Runs as its own process because ESLint loads its config through import(), which jest's
// module sandbox refuses (Nx's graph plugins load eslint the same way). Input (stdin): [{ file, code }]. Output (stdout): [[message, ...], ...].
'use strict';
const { createProjectGraphAsync } = require('@nx/devkit');
const { ESLint } = require('eslint');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  // The boundary rule reads the cached project graph; a fresh clone has none yet.
  await createProjectGraphAsync({ exitOnError: false });
  const results = [];
  for (const { file, code } of JSON.parse(input)) {
    // As `nx run X:lint` does: from the project's own directory, with its own eslint.config.js.
    const eslint = new ESLint({ cwd: projectDir(path.join(root, file)) });
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    results.push(
      result.messages
        .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports')
        .map((m) => m.message),
    );
  }
  process.stdout.write(JSON.stringify(results));
}

function projectDir(file) {
  for (let dir = path.dirname(file); dir.startsWith(root) && dir !== root; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'eslint.config.js'))) return dir;
  }
  return root;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
