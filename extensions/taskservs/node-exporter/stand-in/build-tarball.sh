#!/usr/bin/env bash
# Packs the node_exporter STAND-IN like a release tarball, for the testbed's artifact server:
#   OUT=<file> build-tarball.sh <version> <arch>
# writes node_exporter-<version>.linux-<arch>/node_exporter (the stand-in, with its version baked
# in) into $OUT. Fixed owner, mode and mtime and gzip -n make the bytes, and so the sha256, the
# same on every run.
set -euo pipefail
version=${1:?usage: OUT=<file> build-tarball.sh <version> <arch>}
arch=${2:?usage: OUT=<file> build-tarball.sh <version> <arch>}
out=${OUT:?set OUT to the tarball to write}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="node_exporter-$version.linux-$arch"
mkdir -p "$work/$dir"
sed "s/^VERSION = .*/VERSION = \"$version-stand-in\"/" "$here/node_exporter-stand-in" > "$work/$dir/node_exporter"
chmod 0755 "$work/$dir/node_exporter"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf - "$dir" | gzip -n -9 > "$out"
sha256sum "$out" | cut -c1-64
