#!/bin/sh
# Installs a Provisioning bundle (what the nx-plugin bundle executor builds: the CLI, extension and
# template packages, versions.yaml, SHA256SUMS) into a prefix:
#   <prefix>/lib/provisioning/<name>-<version>/   the bundle
#   <prefix>/lib/provisioning/current             -> the bundle just installed
#   <prefix>/bin/provisioning                     -> current/cli/main.mjs
#
# Usage: install.sh [--prefix DIR] [--sha256 HEX] BUNDLE
#   BUNDLE    a local stable-0.1.0.tgz, or an http(s):// URL of one
#   --prefix  where to install (default: $PROVISIONING_PREFIX, else $HOME/.local)
#   --sha256  the bundle's expected sha256 (default: read from BUNDLE.sha256 beside it)
#
# Nothing is installed unless the bundle's sha256 matches and every file inside matches SHA256SUMS;
# the archive is listed first and refused if it holds anything but files and folders under bundle/.
set -eu

die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}
need() {
  command -v "$1" >/dev/null 2>&1 || die "this needs $1 ($2); install it and run again"
}

prefix=${PROVISIONING_PREFIX:-${HOME:-}/.local}
expected=${PROVISIONING_BUNDLE_SHA256:-}
bundle=
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || die '--prefix needs a directory'; prefix=$2; shift 2 ;;
    --sha256) [ $# -ge 2 ] || die '--sha256 needs a hex digest'; expected=$2; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$bundle" ] || die 'give one bundle'; bundle=$1; shift ;;
  esac
done
[ -n "$bundle" ] || die 'which bundle? usage: install.sh [--prefix DIR] [--sha256 HEX] BUNDLE (see --help)'
[ -n "$prefix" ] || die 'no --prefix and no $HOME: pass --prefix DIR'

need tar 'GNU tar'
need sha256sum 'coreutils'
need node 'Node.js 20.19 or newer'
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  die "Node.js $(node --version) is too old: provisioning needs 20.19 or newer"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fetch() {
  if command -v curl >/dev/null 2>&1; then curl -fsSL --proto '=https,http' -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else die 'downloading needs curl or wget'; fi
}

case $bundle in
  http://* | https://*)
    fetch "$bundle" "$work/bundle.tgz" || die "cannot download $bundle"
    if [ -z "$expected" ]; then
      fetch "$bundle.sha256" "$work/bundle.sha256" || die "cannot download $bundle.sha256: pass --sha256 HEX"
      expected=$(cut -d' ' -f1 <"$work/bundle.sha256")
    fi
    ;;
  *)
    [ -f "$bundle" ] || die "$bundle does not exist"
    cp "$bundle" "$work/bundle.tgz"
    if [ -z "$expected" ]; then
      [ -f "$bundle.sha256" ] || die "no $bundle.sha256 beside the bundle: pass --sha256 HEX"
      expected=$(cut -d' ' -f1 <"$bundle.sha256")
    fi
    ;;
esac

actual=$(sha256sum "$work/bundle.tgz" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || die "the bundle's sha256 is $actual, expected $expected: refused, nothing installed"

# Only regular files and folders under bundle/, no absolute paths, no "..".
tar -tvzf "$work/bundle.tgz" >"$work/listing" || die 'the bundle is not a readable tar.gz'
awk '{ t = substr($1, 1, 1); if (t != "-" && t != "d") { print "not a file or folder: " $NF; bad = 1 } }
     END { exit bad }' "$work/listing" >&2 || die 'refused: the bundle holds links or special files'
tar -tzf "$work/bundle.tgz" | while IFS= read -r path; do
  case $path in
    bundle/*) ;;
    *) die "refused: $path is outside bundle/" ;;
  esac
  case /$path/ in
    */../*) die "refused: $path climbs out with .." ;;
  esac
done

mkdir "$work/x"
tar -xzf "$work/bundle.tgz" -C "$work/x" --no-same-owner --no-same-permissions
[ -f "$work/x/bundle/SHA256SUMS" ] || die 'the bundle has no SHA256SUMS: refused, nothing installed'
(cd "$work/x/bundle" && sha256sum --quiet -c SHA256SUMS) >&2 || die 'a file inside the bundle does not match SHA256SUMS: refused, nothing installed'
[ -f "$work/x/bundle/cli/main.mjs" ] || die 'the bundle has no cli/main.mjs'

name=$(sed -n 's/^name: //p' "$work/x/bundle/bundle.yaml" | head -n 1)
version=$(sed -n 's/^version: //p' "$work/x/bundle/bundle.yaml" | head -n 1)
case $name$version in *[!A-Za-z0-9.+-]* | '') die 'bundle.yaml has no usable name and version' ;; esac

lib=$prefix/lib/provisioning
mkdir -p "$lib" "$prefix/bin"
chmod 0755 "$work/x/bundle/cli/main.mjs"
rm -rf "$lib/.partial-$$"
cp -R "$work/x/bundle" "$lib/.partial-$$"
rm -rf "$lib/$name-$version"
mv "$lib/.partial-$$" "$lib/$name-$version"
# Switch `current` in one rename, so a running provisioning never sees a half-switched install.
ln -s "$name-$version" "$lib/.current-$$"
mv -T "$lib/.current-$$" "$lib/current"
ln -sfn ../lib/provisioning/current/cli/main.mjs "$prefix/bin/provisioning"

printf 'installed provisioning %s %s into %s\n' "$name" "$version" "$lib/$name-$version"
case :$PATH: in
  *:"$prefix/bin":*) ;;
  *) printf 'add %s to PATH:  export PATH="%s:$PATH"\n' "$prefix/bin" "$prefix/bin" ;;
esac
