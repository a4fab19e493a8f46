#!/usr/bin/env bash
# Exec benchmark of libs/remote against 16 real hosts: boots a separate testbed instance ("bench",
# its own subnet, so a running e2e testbed is not touched), runs the benchmark with its inventory,
# prints the figures, and always brings the instance down again.
#   bash tools/testbed/scripts/bench-exec.sh [hosts [exec-bench options...]]
#   (default 16 hosts; options go to libs/remote/bench/exec-bench.ts, e.g. --commands 100 --json;
#   needs root, see docs/testbed.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
hosts=${1:-16}
shift || true
export TESTBED_NAME=${TESTBED_NAME:-bench} TESTBED_SUBNET=${TESTBED_SUBNET:-10.148.0.0/24}
bench=${BENCH_EXEC_SCRIPT:-$root/libs/remote/bench/exec-bench.ts}
testbed() { node -r @swc-node/register "$root/tools/testbed/src/cli.ts" "$@"; }

cd "$root"
[ -f "$bench" ] || { echo "bench-exec: $bench not found (libs/remote's exec benchmark; set BENCH_EXEC_SCRIPT)" >&2; exit 2; }
trap 'testbed down' EXIT
start=$(date +%s%N)
testbed up --hosts "$hosts" >/dev/null
echo "bench-exec: $hosts hosts up in $(( ($(date +%s%N) - start) / 1000000 )) ms (instance $TESTBED_NAME, $TESTBED_SUBNET)"
inventory=${TESTBED_STATE_ROOT:-/var/lib/provisioning-testbed}/$TESTBED_NAME/inventory.json
SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register "$bench" --inventory "$inventory" "$@"
testbed status | sed -n '1,3p;$p'
