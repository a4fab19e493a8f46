#!/usr/bin/env bash
# Builds the testbed's shared, read-only pieces once and caches them outside the repo:
#   $TESTBED_CACHE/base-<recipe hash>/rootfs   Debian bookworm (debootstrap minbase + systemd + sshd)
#   $TESTBED_CACHE/base-<recipe hash>/repo     local apt repository (redis-server, nginx, sudo + closures)
# The hash covers this script and packages.txt, so editing the recipe builds a new base beside the
# old one. The build happens in a temporary directory renamed into place when complete, so an
# interrupted build never looks finished. Prints the base directory on its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TESTBED_CACHE:-/var/cache/provisioning-testbed}
suite=bookworm
# Packages of the base image itself. sudo is here (and in the repo) because the base has a sudo user.
base_include=systemd,systemd-sysv,dbus,openssh-server,iproute2,python3,sudo,procps,ca-certificates
# The non-root user created in the base, with a sudo password (the e2e sudo tests use it).
sudo_user=deploy
sudo_password=testbed-sudo-password

hash=$(cat "$here/build-base.sh" "$here/packages.txt" | sha256sum | cut -c1-12)
base="$cache/base-$hash"
if [ -f "$base/complete" ]; then
  echo "testbed base: cached at $base"
  echo "$base"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/build.lock"
flock 9
if [ -f "$base/complete" ]; then echo "$base"; exit 0; fi # another build finished while we waited

work=$(mktemp -d "$cache/.build-$hash.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

echo "testbed base: debootstrap $suite into $work/rootfs (about 100 s)"
debootstrap --variant=minbase --include="$base_include" "$suite" "$work/rootfs" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; echo "testbed base: debootstrap failed (log above)" >&2; exit 1; }
R=$work/rootfs

# systemd-networkd configures host0 (the per-host address is written at `up`).
mkdir -p "$R/etc/systemd/system/multi-user.target.wants" "$R/etc/systemd/system/sockets.target.wants" \
  "$R/etc/systemd/system/network-online.target.wants"
ln -sf /lib/systemd/system/systemd-networkd.service "$R/etc/systemd/system/multi-user.target.wants/"
ln -sf /lib/systemd/system/systemd-networkd.socket "$R/etc/systemd/system/sockets.target.wants/"
# No background apt or filesystem jobs during tests.
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer dpkg-db-backup.timer; do
  rm -f "$R/etc/systemd/system/timers.target.wants/$unit"
done
ln -sf /dev/null "$R/etc/systemd/system/e2scrub_reap.service"

# apt points at the local repository only (bind-mounted read-only at /srv/localrepo): offline installs.
echo 'deb [trusted=yes] file:/srv/localrepo ./' >"$R/etc/apt/sources.list"
rm -f "$R"/etc/apt/sources.list.d/*
rm -rf "$R"/var/lib/apt/lists/*_dists_* "$R"/var/cache/apt/archives/*.deb
# The repository holds dependency closures without Recommends; do not ask for them.
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$R/etc/apt/apt.conf.d/90testbed"
mkdir -p "$R/srv/localrepo"

# sshd: only an ed25519 host key (generated per host at `up`; RSA generation is slow), key auth only.
rm -f "$R"/etc/ssh/ssh_host_*
cat >"$R/etc/ssh/sshd_config.d/testbed.conf" <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UseDNS no
CONF

# Each host gets its own machine-id at `up`; dbus must follow /etc/machine-id, not a copy.
: >"$R/etc/machine-id"
ln -sf /etc/machine-id "$R/var/lib/dbus/machine-id"

# A non-root user that needs a password for sudo (a realistic deploy account).
chroot "$R" useradd --create-home --shell /bin/bash --groups sudo "$sudo_user"
echo "$sudo_user:$sudo_password" | chroot "$R" chpasswd
mkdir -p "$R/root/.ssh" "$R/home/$sudo_user/.ssh"
chmod 700 "$R/root/.ssh" "$R/home/$sudo_user/.ssh"
chroot "$R" chown "$sudo_user:$sudo_user" "/home/$sudo_user/.ssh"

echo "testbed base: downloading the local apt repository"
mkdir -p "$work/repo"
mapfile -t wanted < <(grep -v '^\s*#' "$here/packages.txt" | tr -s ' \n' '\n' | sed '/^$/d')
apt-get update -qq
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances "${wanted[@]}" | grep '^[a-zA-Z0-9]' | sort -u)
# apt-get download runs as root here; its "couldn't be accessed by user '_apt'" notice is harmless.
(cd "$work/repo" && apt-get download -qq $closure 2>&1 | grep -v "_apt" || true)
(cd "$work/repo" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null | gzip -9 >Packages.gz)
count=$(ls "$work/repo"/*.deb | wc -l)
for p in "${wanted[@]}"; do
  ls "$work/repo/${p}_"*.deb >/dev/null 2>&1 || { echo "testbed base: $p missing from the repository" >&2; exit 1; }
done

rm -f "$work/debootstrap.log"
echo "hash=$hash suite=$suite built=$(date -u +%FT%TZ) seconds=$(($(date +%s) - start)) debs=$count" >"$work/complete"
mv "$work" "$base"
trap - EXIT
echo "testbed base: built $base in $(($(date +%s) - start)) s ($count packages in the repository)"
echo "$base"
