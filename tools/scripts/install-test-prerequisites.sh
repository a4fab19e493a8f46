#!/usr/bin/env bash
# Installs what the test suites need beyond npm packages, from Debian's packages:
# OpenSSH server and sudo (libs/remote runs a real sshd on loopback), PostgreSQL (the workflow
# store suite starts a throwaway cluster of it), dosfstools, fdisk, mtools and xz-utils (libs/sbc
# builds and burns SD-card images on loop devices), and the testbed's tools and
# base image (systemd-nspawn Debian hosts for the end-to-end suite), and chromium (the control
# center's browser spec drives it with playwright-core), and busybox and mksh (libs/operations plans
# and applies under every sh a host may have: dash, bash, BusyBox ash with its own tools, mksh),
# and zsh, tcsh and fish (libs/sdk and libs/remote hand their command line to sh from those login shells).
# Idempotent; quick when done.
# Without root it installs nothing and says what is missing: those suites then skip, loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(openssh-server openssh-client sudo postgresql dosfstools fdisk xz-utils mtools chromium busybox mksh zsh tcsh fish)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done

if [ "$(id -u)" != 0 ]; then
  [ ${#missing[@]} -eq 0 ] || echo "not root: cannot install ${missing[*]}; the suites that need them will be skipped"
  exit 0
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -x tools/testbed/scripts/ci-prepare.sh ] || [ -f tools/testbed/scripts/ci-prepare.sh ]; then
  bash tools/testbed/scripts/ci-prepare.sh
fi
