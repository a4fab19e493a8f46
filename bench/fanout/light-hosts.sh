#!/usr/bin/env bash
# Light hosts for the fanout benchmark at 64-200 hosts, where booted systemd hosts are too heavy:
# one plain sshd per host (a few MiB each), each in its own network namespace on a bridge of its
# own, with its own hostname (UTS namespace) and its own /srv (mount namespace: a bind mount of a
# per-host directory, and an empty /root: no dotfiles), so the workload's /srv/fanout is separate per host. Every sshd and every
# session it starts runs in one cpuacct cgroup, so the hosts' CPU can be read.
#   light-hosts.sh up N     boot N hosts (tearing down any earlier set first); prints the inventory path
#   light-hosts.sh down     stop and remove everything `up` made
# Needs root. LIGHT_NAME (default flh, at most 5 characters) prefixes every name; LIGHT_SUBNET is a
# free /16 (default 10.170.0.0/16): .0.1 is the bridge, host N is .(N/200).(10 + N%200).
set -euo pipefail
name=${LIGHT_NAME:-flh}
subnet=${LIGHT_SUBNET:-10.170.0.0/16}
prefix=${subnet%.0.0/16}
state=${LIGHT_STATE_ROOT:-/var/lib/provisioning-light}/$name
cgroup=/sys/fs/cgroup/cpuacct/$name-hosts
bridge=$name-br0

address() { local i=$(($1 - 1)); echo "$prefix.$((i / 200)).$((10 + i % 200))"; }

down() {
  if [ -f "$state/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$state/pids"
    sleep 0.5
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$state/pids"
  fi
  # Sessions still open (children of the sshds) live in the cgroup: stop them too.
  if [ -f "$cgroup/cgroup.procs" ]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$cgroup/cgroup.procs"
    sleep 0.2
    rmdir "$cgroup" 2>/dev/null || true
  fi
  for ns in $(ip netns list 2>/dev/null | awk -v p="$name-h" 'index($1, p) == 1 { print $1 }'); do ip netns delete "$ns"; done
  ip link delete "$bridge" 2>/dev/null || true
  rm -rf "$state"
}

up() {
  local count=$1
  [ "$count" -ge 1 ] && [ "$count" -le 1000 ] || { echo "light-hosts: give 1 to 1000 hosts, not $count" >&2; exit 2; }
  if ip route | grep -q "^$prefix\."; then
    ip link show "$bridge" >/dev/null 2>&1 || { echo "light-hosts: $subnet is already routed on this machine; choose another LIGHT_SUBNET" >&2; exit 2; }
  fi
  if [ ! -x /usr/sbin/sshd ]; then
    # A fresh machine has the OpenSSH client only; the hosts are this machine's own sshd binary.
    echo "light-hosts: installing openssh-server from Debian's packages (the hosts run /usr/sbin/sshd)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server >/dev/null ||
      { echo "light-hosts: /usr/sbin/sshd is missing and openssh-server could not be installed; install it and retry" >&2; exit 1; }
    # Debian's package starts its own sshd on port 22 of this machine: the bench does not need it.
    systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
  fi
  down
  mkdir -p "$state/roots" "$state/root-home" /run/sshd
  # A fresh host's root home: this machine's own root dotfiles (bash sources ~/.bashrc for every
  # SSH session) must not cost every session what they cost here.
  chmod 700 "$state/root-home"
  ssh-keygen -q -t ed25519 -N '' -C "$name-client" -f "$state/id_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C "$name-host" -f "$state/host_ed25519"
  cp "$state/id_ed25519.pub" "$state/authorized_keys"
  cat > "$state/sshd_config" <<EOF
Port 22
HostKey $state/host_ed25519
PidFile none
AuthorizedKeysFile $state/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
MaxSessions 200
MaxStartups 1000
LogLevel ERROR
Subsystem sftp internal-sftp
EOF
  mkdir -p "$cgroup"
  ip link add "$bridge" type bridge
  ip addr add "$prefix.0.1/16" dev "$bridge"
  ip link set "$bridge" up
  local hostkey hosts=() i ns addr
  hostkey=$(cut -d' ' -f1,2 "$state/host_ed25519.pub")
  : > "$state/known_hosts"
  : > "$state/pids"
  for i in $(seq 1 "$count"); do
    ns=$name-h$i
    addr=$(address "$i")
    ip netns add "$ns"
    ip link add "$name-v$i" type veth peer name eth0 netns "$ns"
    ip link set "$name-v$i" master "$bridge" up
    ip -n "$ns" addr add "$addr/16" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    mkdir -p "$state/roots/h$i"
    echo "$addr $hostkey" >> "$state/known_hosts"
    # ip netns exec, unshare and sh all exec, so $! ends up being the sshd: into the cgroup (from
    # here: inside, /sys is remounted without it) so it and every session it forks are counted.
    ip netns exec "$ns" unshare --mount --uts --propagation private \
      sh -c 'hostname "$1"; mount --bind "$2" /srv; mount --bind "$3" /root; exec /usr/sbin/sshd -D -f "$4"' \
      sh "$ns" "$state/roots/h$i" "$state/root-home" "$state/sshd_config" </dev/null >>"$state/sshd.log" 2>&1 &
    echo $! > "$cgroup/cgroup.procs"
    echo $! >> "$state/pids"
    hosts+=("{\"name\":\"$ns\",\"address\":\"$addr\",\"port\":22}")
  done
  (
    IFS=,
    printf '{"name":"%s","subnet":"%s","privateKeyPath":"%s","knownHostsPath":"%s","hostsCgroup":"%s","hosts":[%s]}\n' \
      "$name" "$subnet" "$state/id_ed25519" "$state/known_hosts" "$cgroup" "${hosts[*]}" > "$state/inventory.json"
  )
  # Wait until every sshd listens (a TCP connect, not a whole SSH login per host), then log in to
  # the first and the last once.
  local deadline=$((SECONDS + 300))
  for i in $(seq 1 "$count"); do
    until (exec 3<>"/dev/tcp/$(address "$i")/22") 2>/dev/null; do
      [ $SECONDS -lt $deadline ] || { echo "light-hosts: host $i ($(address "$i")) does not answer; see $state/sshd.log" >&2; exit 1; }
      sleep 0.2
    done
  done
  for i in 1 "$count"; do
    ssh -F /dev/null -i "$state/id_ed25519" -o UserKnownHostsFile="$state/known_hosts" -o StrictHostKeyChecking=yes \
      -o BatchMode=yes -o ConnectTimeout=30 "root@$(address "$i")" true || { echo "light-hosts: cannot log in to host $i; see $state/sshd.log" >&2; exit 1; }
  done
  echo "$state/inventory.json"
}

case ${1:-} in
  up) up "${2:?light-hosts.sh up N}" ;;
  down) down ;;
  *) echo "usage: light-hosts.sh up N | down" >&2; exit 2 ;;
esac
