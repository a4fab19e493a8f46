#!/usr/bin/env bash
# The one command that runs every check of this repo: `npm run test:all`. CI (.ci/run) runs it too.
#  1. installs what the tests need from Debian's packages when it can (root), else says what is missing
#  2. lint, typecheck and build every project, then every project's tests (end-to-end included)
#  3. prints one plain "N passed, N failed, N skipped" line summed over all jest runs
set -uo pipefail
cd "$(dirname "$0")/../.."

export NX_DAEMON=false NX_NO_CLOUD=true NX_ISOLATE_PLUGINS=false NX_TUI=false
results_dir="$PWD/tmp/test-results"
rm -rf "$results_dir" && mkdir -p "$results_dir"
export PROVISIONING_TEST_RESULTS_DIR="$results_dir"

# As root (CI, or a developer who can boot the testbed) a missing testbed is a failure, not a skip.
if [ "$(id -u)" = 0 ]; then export PROVISIONING_E2E_REQUIRE_TESTBED=1; fi

status=0
step() { printf '\n==> %s\n' "$*"; }

step "system packages for the tests"
bash tools/scripts/install-test-prerequisites.sh || status=1

step "optional dependency check"
node tools/scripts/check-optional-deps.js || status=1

step "format (prettier --check; fix with: npm run format)"
node_modules/.bin/prettier --check --log-level warn . || status=1

step "lint, typecheck, build"
node_modules/.bin/nx run-many -t lint typecheck build --parallel=2 --outputStyle=static || status=1

step "release dry run (per-project versions and changelogs from conventional commits, offline)"
node_modules/.bin/nx release --dry-run --skip-publish --first-release >/dev/null || status=1

step "tests (cache skipped so every test really runs)"
node_modules/.bin/nx run-many -t test --parallel=1 --skip-nx-cache --outputStyle=static || status=1

node tools/scripts/sum-test-results.js "$results_dir" || status=1
exit $status
