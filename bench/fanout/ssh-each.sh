#!/usr/bin/env bash
# OpenSSH runner, one command at a time: per host one ControlMaster connection, then every
# operation's script (check, change if needed, report) sent over it one by one, hosts in parallel.
#   ssh-each.sh DIR KEY KNOWN_HOSTS     DIR/<address>/NN.sh are the scripts; output to DIR/<address>.out
set -u
dir=$1 key=$2 known_hosts=$3
opts=(-F /dev/null -i "$key" -o "UserKnownHostsFile=$known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes -o User=root)
sockets=$(mktemp -d)
trap 'rm -rf "$sockets"' EXIT

one_host() {
  local address=$1 socket=$sockets/$1
  ssh "${opts[@]}" -o ControlMaster=yes -o "ControlPath=$socket" -f -N "$address" || return 1
  for script in "$dir/$address"/*.sh; do
    ssh "${opts[@]}" -o "ControlPath=$socket" "$address" 'sh -s' < "$script" || return 1
  done > "$dir/$address.out"
  ssh "${opts[@]}" -o "ControlPath=$socket" -O exit "$address" 2>/dev/null
}

pids=()
for host_dir in "$dir"/*/; do
  one_host "$(basename "$host_dir")" & pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
