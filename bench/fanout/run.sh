#!/usr/bin/env bash
# The fanout benchmark (issue 5): boots its own testbed instance ("fanout", 10.157.0.0/24, so a
# running e2e or bench-exec testbed is not touched), installs ansible-core from Debian if it is
# missing, bundles the engine runner, runs every runner, and always brings the hosts down again.
#   bash bench/fanout/run.sh [--hosts N] [--runners ssh,engine,ansible-tuned,ansible-default] [--docs]
# Needs root (the testbed does; see docs/testbed.md). --docs writes the figures into docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
hosts=16
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --hosts) hosts=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
export TESTBED_NAME=${TESTBED_NAME:-fanout} TESTBED_SUBNET=${TESTBED_SUBNET:-10.157.0.0/24}
export SWC_NODE_PROJECT=tsconfig.base.json
testbed() { node -r @swc-node/register "$root/tools/testbed/src/cli.ts" "$@"; }

cd "$root"
if ! command -v ansible-playbook >/dev/null; then
  echo "fanout: installing ansible-core from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ansible-core >/dev/null
fi
node bench/fanout/build-engine-runner.js
trap 'testbed down >/dev/null' EXIT INT TERM
start=$(date +%s%N)
testbed up --hosts "$hosts" >/dev/null
echo "fanout: $hosts hosts up in $(( ($(date +%s%N) - start) / 1000000 )) ms (instance $TESTBED_NAME, $TESTBED_SUBNET)" >&2
inventory=${TESTBED_STATE_ROOT:-/var/lib/provisioning-testbed}/$TESTBED_NAME/inventory.json
node -r @swc-node/register bench/fanout/src/main.ts --inventory "$inventory" ${args[@]+"${args[@]}"}
