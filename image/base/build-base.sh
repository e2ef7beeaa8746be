#!/usr/bin/env bash
# Builds the image's base from Debian packages: a minimal Debian bookworm root filesystem with
# the OpenJDK 17 JRE, wrapped as a one-layer docker-archive (what `docker save` writes), which
# Jib takes as a base through `tar://` (docs/deploy.md, "The image"). No container registry is
# needed, only a Debian mirror: the machines tailgate is built on reach Maven Central and
# Debian's mirror and nothing else.
#
# Usage: build-base.sh [--if-stale] OUTPUT.tar   (as root, or where mmdebstrap's unshare mode works)
#   --if-stale (what the Maven profile passes): do nothing when OUTPUT.tar was built by this
#   same script with the same settings (OUTPUT.tar.stamp), so a rebuild of the image does not
#   re-download the JRE. A plain call always rebuilds, e.g. to take Debian's security updates.
# Environment: TAILGATE_BASE_MIRROR (default http://deb.debian.org/debian) and
#   TAILGATE_BASE_SECURITY_MIRROR (default http://deb.debian.org/debian-security), e.g. a local
#   mirror;
#   SOURCE_DATE_EPOCH (default: the commit time of this script, else 0), which mmdebstrap uses
#   for file times, so that the same package versions give the same files and times (all but
#   the Java trust store's bytes: ca-certificates-java writes it with a random salt).
#
# What the root filesystem holds, and why:
# - openjdk-17-jre-headless: the JVM of the launcher, the harness and JMH's forks.
# - The Essential set (bash, dash, coreutils, findutils, util-linux, ...): the launcher is a
#   POSIX sh script that needs sh, find, ls, wc, cat, mkdir and dirname.
# - openssl: gate and compare hash their inputs with it (else in a child JVM, slower).
# - ca-certificates: TLS targets with a public CA (rediss://).
# - No redis-server: the image runs against an external Redis (the CronJob's --target).
#   TAILGATE_BASE_EXTRA="redis-server" adds it for a self-contained image.
# - No apt, no docs, man pages, locales or apt lists: nothing in the image installs packages.
set -euo pipefail

if_stale=no
if [ "${1:-}" = --if-stale ]; then if_stale=yes; shift; fi
out=${1:?usage: build-base.sh [--if-stale] OUTPUT.tar}
here=$(cd -- "$(dirname -- "$0")" && pwd)
suite=bookworm
mirror=${TAILGATE_BASE_MIRROR:-http://deb.debian.org/debian}
security_mirror=${TAILGATE_BASE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
packages="openjdk-17-jre-headless,openssl,ca-certificates${TAILGATE_BASE_EXTRA:+,${TAILGATE_BASE_EXTRA// /,}}"

stamp="$(sha256sum < "$here/build-base.sh" | cut -d' ' -f1) $packages $mirror $security_mirror"
if [ "$if_stale" = yes ] && [ -f "$out" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "build-base.sh: $out is up to date" >&2
  exit 0
fi
command -v mmdebstrap >/dev/null \
  || { echo "build-base.sh: mmdebstrap not found (apt-get install mmdebstrap)" >&2; exit 3; }
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$here" log -1 --format=%ct -- build-base.sh 2>/dev/null || true)
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0}
fi
arch=$(dpkg --print-architecture)

work=$(mktemp -d "${TMPDIR:-/tmp}/tailgate-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/image"

# --variant=essential: only Essential:yes packages plus the includes and their dependencies
# (no apt inside). --skip=output/dev: no device nodes in the layer, as in any image (the
# runtime provides /dev; an unprivileged unpacker could not create them). The path-excludes
# keep dpkg from unpacking docs, man pages and locales; the essential hook makes the one man
# directory that update-alternatives insists on (the JRE's postinst fails without it); the
# customize hooks write the package list into the image and drop what dpkg and apt leave behind.
mmdebstrap --variant=essential --format=tar --architectures="$arch" --skip=output/dev \
  --include="$packages" \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --customize-hook='chroot "$1" dpkg-query -W -f "\${Package}=\${Version}\n" > "$1/etc/tailgate-base-packages.txt"' \
  --customize-hook='cp "$1/etc/tailgate-base-packages.txt" '"$work/packages.txt" \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/cache/debconf/*-old "$1"/var/log/* "$1"/usr/share/man' \
  "$suite" "$work/layer.tar" \
  "deb $mirror $suite main" \
  "deb $mirror $suite-updates main" \
  "deb $security_mirror $suite-security main"

jdk_version=$(sed -n 's/^openjdk-17-jre-headless=//p' "$work/packages.txt")
packages_sha=$(sha256sum "$work/packages.txt" | cut -d' ' -f1)
layer_sha=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
case "$arch" in
  amd64|arm64) oci_arch=$arch ;;
  armhf) oci_arch=arm ;;
  *) oci_arch=$arch ;;
esac
java_home=/usr/lib/jvm/java-17-openjdk-$arch

mkdir -p "$work/image/$layer_sha"
mv "$work/layer.tar" "$work/image/$layer_sha/layer.tar"
# The package versions go into labels (the JDK's own, and a hash of the full list, which is in
# the image at /etc/tailgate-base-packages.txt): two bases with the same labels hold the same
# packages, whatever day they were built.
cat > "$work/config.json" <<JSON
{"architecture":"$oci_arch","os":"linux","created":"$created","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],"Labels":{"org.opencontainers.image.base.name":"debian:$suite (mmdebstrap, $mirror)","dev.tailgate.base.suite":"$suite","dev.tailgate.base.openjdk":"$jdk_version","dev.tailgate.base.packages.sha256":"$packages_sha"}},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},"history":[{"created":"$created","created_by":"image/base/build-base.sh"}]}
JSON
config_sha=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/image/$config_sha.json"
printf '[{"Config":"%s.json","RepoTags":["tailgate-base/debian-jre17:%s"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$suite" "$layer_sha" > "$work/image/manifest.json"

mkdir -p "$(dirname -- "$out")"
# Entries named without a leading ./ : Jib refuses a "./" entry as outside its destination.
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$work/image" -cf "$out.tmp" manifest.json "$config_sha.json" "$layer_sha"
mv -f "$out.tmp" "$out"
printf '%s\n' "$stamp" > "$out.stamp"
echo "build-base.sh: $out ($(du -h "$out" | cut -f1), openjdk-17-jre-headless $jdk_version)" >&2
