#!/usr/bin/env bash
# The fanout benchmark (issues 5 and 10): boots its own hosts, installs ansible-core from Debian if
# an Ansible runner is asked for and it is missing, bundles the engine runner, runs the runners, and
# always brings the hosts down again. Hosts are a testbed instance of its own (TESTBED_NAME,
# default "bone" on 10.159.0.0/24, so a running e2e testbed is not touched) or, with --light, plain
# sshd processes in network namespaces (light-hosts.sh; for 64-200 hosts).
#   bash bench/fanout/run.sh [--hosts N] [--light] [--tasks 10|50|200] [--shells unguarded|guarded]
#        [--runners ssh,engine,ansible-tuned,ansible-default] [--out FILE] [--docs [--section NAME]]
# Needs root (see docs/testbed.md). --docs writes the figures into docs/benchmarks.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
hosts=16
light=
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --hosts) hosts=$2; shift 2 ;;
    --light) light=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
export TESTBED_NAME=${TESTBED_NAME:-bone} TESTBED_SUBNET=${TESTBED_SUBNET:-10.159.0.0/24}
export SWC_NODE_PROJECT=tsconfig.base.json
testbed() { node -r @swc-node/register "$root/tools/testbed/src/cli.ts" "$@"; }

cd "$root"
wants_ansible=1
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = --runners ] && [[ "${args[$((i + 1))]:-}" != *ansible* ]]; then wants_ansible=; fi
done
if [ -n "$wants_ansible" ] && ! command -v ansible-playbook >/dev/null; then
  echo "fanout: installing ansible-core from Debian's packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ansible-core >/dev/null
fi
node bench/fanout/build-engine-runner.js
start=$(date +%s%N)
if [ -n "$light" ]; then
  trap 'bash "$root/bench/fanout/light-hosts.sh" down' EXIT INT TERM
  inventory=$(bash bench/fanout/light-hosts.sh up "$hosts")
  echo "fanout: $hosts light hosts up in $(( ($(date +%s%N) - start) / 1000000 )) ms (${LIGHT_SUBNET:-10.170.0.0/16})" >&2
else
  trap 'testbed down >/dev/null' EXIT INT TERM
  testbed up --hosts "$hosts" >/dev/null
  echo "fanout: $hosts hosts up in $(( ($(date +%s%N) - start) / 1000000 )) ms (instance $TESTBED_NAME, $TESTBED_SUBNET)" >&2
  inventory=${TESTBED_STATE_ROOT:-/var/lib/provisioning-testbed}/$TESTBED_NAME/inventory.json
fi
node -r @swc-node/register bench/fanout/src/main.ts --inventory "$inventory" ${args[@]+"${args[@]}"}
