#!/bin/sh
# Figures for docs/benchmarks.md ("provisioning test"): time from `provisioning extension new` to a
# green `provisioning test` on one host (boot included), then each scenario named in SCENARIOS on
# 1 and 3 hosts, per step. Needs root, systemd-nspawn, the built CLI (npx nx run cli:build) and a
# Debian root filesystem with an apt source the scenarios' packages come from (the testbed's base
# and its repository by default). Prints one line per run; the JSON reports stay in $OUT.
#   sh bench/extension-test/bench.sh                      # the new extension, then redis and nginx
#   BRIDGE=ci-br0 SUBNET=10.200.0.0/24 SCENARIOS="base" sh bench/extension-test/bench.sh
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="node $ROOT/dist/apps/cli/main.mjs"
BASE=${BASE:-$(dirname "$(ls -t /var/cache/provisioning-testbed/base-*/complete | head -n 1)")}
BRIDGE=${BRIDGE:-pbench-br0}
SUBNET=${SUBNET:-10.161.3.0/24}
SCENARIOS=${SCENARIOS:-redis nginx}
OUT=$(mktemp -d /tmp/bench-extension-test-XXXXXX)
OPTIONS="{ bridge: $BRIDGE, subnet: $SUBNET, rootfs: $BASE/rootfs, state_dir: $OUT/state, bind_ro: [\"$BASE/repo:/srv/localrepo\"] }"
export CI=true

now() { date +%s.%N; }
steps() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));for(const s of r.scenarios)console.log("  "+s.scenario.slice(0,60)+": "+s.status+" in "+(s.durationMs/1000).toFixed(1)+" s ("+s.steps.map(t=>t.step+" "+(t.durationMs/1000).toFixed(1)).join(", ")+")")' "$1"; }

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(now)
(cd "$OUT" && $CLI extension new bench-thing -q >/dev/null)
$CLI test "$OUT/bench-thing" --provider-options "$OPTIONS" --output json > "$OUT/new.json" || true
end=$(now)
echo "extension new -> green provisioning test, 1 host: $(echo "$end - $start" | bc) s ($(node -e 'console.log(require(process.argv[1]).status)' "$OUT/new.json"))"
steps "$OUT/new.json"
for hosts in 1 3; do
  $CLI test "$OUT/bench-thing" --hosts $hosts --provider-options "$OPTIONS" --output json > "$OUT/new-$hosts.json" || true
  echo "bench-thing on $hosts host(s):"; steps "$OUT/new-$hosts.json"
  for name in $SCENARIOS; do
    $CLI test "$name" --hosts $hosts --provider-options "$OPTIONS" --output json > "$OUT/$name-$hosts.json" || true
    echo "$name on $hosts host(s):"; steps "$OUT/$name-$hosts.json"
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); reports in $OUT"
