#!/usr/bin/env bash
# Prepares a machine for the testbed: installs the Debian packages it needs (idempotent) and builds
# the cached base image + local apt repository (build-base.sh, a no-op when the cache is current).
# Called by .ci/run before the end-to-end suite. Needs root and network access to Debian mirrors.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" != 0 ]; then
  echo "testbed ci-prepare: must run as root (debootstrap, mounts, systemd-nspawn); skipping" >&2
  exit 1
fi

packages=(debootstrap systemd-container openssh-server openssh-client dpkg-dev util-linux iproute2)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "testbed ci-prepare: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --no-install-recommends: systemd-container recommends libnss-mymachines, which edits nsswitch.conf
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # openssh-server's postinst may start the outer machine's sshd; the testbed never uses it
  # (only its host-side tools), so stop what this script just started.
  if [[ " ${missing[*]} " == *" openssh-server "* ]]; then service ssh stop >/dev/null 2>&1 || true; fi
else
  echo "testbed ci-prepare: packages already installed"
fi

# Each host's systemd takes ~7 inotify instances from root's budget (default 128, ~18 hosts).
if [ "$(cat /proc/sys/fs/inotify/max_user_instances)" -lt 1024 ]; then
  echo 1024 >/proc/sys/fs/inotify/max_user_instances && echo "testbed ci-prepare: fs.inotify.max_user_instances raised to 1024"
fi

base=$(bash "$here/build-base.sh" | tail -1)

# Bases of older recipes are dead weight (about 260 MB each) unless a running testbed still uses one.
cache=$(dirname "$base")
for old in "$cache"/base-*; do
  [ "$old" = "$base" ] || [ ! -d "$old" ] && continue
  if grep -q "lowerdir=$old/" /proc/self/mountinfo; then
    echo "testbed ci-prepare: keeping $old (a running testbed uses it)"
  else
    echo "testbed ci-prepare: removing the outdated base $old"
    rm -rf "$old"
  fi
done
echo "testbed ci-prepare: ready ($base)"
