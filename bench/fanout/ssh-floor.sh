#!/usr/bin/env bash
# The floor: the whole workload as one shell script per host, sent with one `ssh HOST sh -s`,
# hosts in parallel. No checks, no reporting: the least any runner can do.
#   ssh-floor.sh DIR KEY KNOWN_HOSTS     DIR/<address>.sh is each host's script
set -u
dir=$1 key=$2 known_hosts=$3
opts=(-F /dev/null -i "$key" -o "UserKnownHostsFile=$known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes -o User=root)
pids=()
for script in "$dir"/*.sh; do
  ssh "${opts[@]}" "$(basename "$script" .sh)" 'sh -s' < "$script" & pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
