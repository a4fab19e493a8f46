#!/usr/bin/env bash
# How the engine grows with hosts and with tasks (issue 10): the floor and the engine on light hosts
# (light-hosts.sh) for each hosts x tasks cell, one run.sh per cell (hosts brought up and down each
# time), then one table from all cells (src/grid-report.ts).
#   bash bench/fanout/grid.sh [--cells "1x50 16x10 16x50 16x200 64x50 200x50"] [--docs]
# Needs root. Results: dist/bench/fanout/grid/<hosts>x<tasks>.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cells="1x50 16x10 16x50 16x200 64x50 200x50"
docs=
while [ $# -gt 0 ]; do
  case $1 in
    --cells) cells=$2; shift 2 ;;
    --docs) docs=--docs; shift ;;
    *) echo "grid: unknown option $1" >&2; exit 2 ;;
  esac
done
out=$root/dist/bench/fanout/grid
mkdir -p "$out"
for cell in $cells; do
  hosts=${cell%x*} tasks=${cell#*x}
  echo "grid: $hosts hosts x $tasks tasks" >&2
  bash "$root/bench/fanout/run.sh" --light --hosts "$hosts" --tasks "$tasks" --runners engine --out "$out/$cell.json" >/dev/null
done
cd "$root"
SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/fanout/src/grid-report.ts "$out" $docs
