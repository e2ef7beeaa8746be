#!/usr/bin/env bash
# Proves that the image tarball runs, without a container runtime (the build machines have no
# Docker daemon): unpacks its layers in order into a temporary root and runs the image's
# entrypoint there with chroot, with the image's Env and working directory, as the CronJob's
# non-root user (deploy/k8s/nightly-cronjob.yaml), in mount and PID namespaces of its own with
# the host's /dev and /sys and a fresh /proc, which is what a runtime gives a container too.
#
# Usage (as root): image/check-image.sh [IMAGE.tar]   (default image/target/tailgate-image.tar)
# Checks: `--version` prints a version, `suites list` lists the bundled suites, `doctor` runs
# (its verdicts describe this host, so only that it ran is checked), and the launcher did not
# try to build (the image has no Maven). Prints the image's size. Exit 0 when all pass.
set -euo pipefail

image=${1:-$(dirname -- "$0")/target/tailgate-image.tar}
user=10001:10001
[ -f "$image" ] || { echo "check-image.sh: $image: no such file (mvn -B -Pimage -DskipTests package)" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "check-image.sh: needs root (chroot, mount namespace)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tailgate-image-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tar" "$work/root"
tar -xf "$image" -C "$work/tar"

# A docker-archive's manifest.json (what jib:buildTar writes): the config file and the layers,
# lowest first. Jib writes no whiteout files, so unpacking the layers in order is the image's
# filesystem.
manifest=$(cat "$work/tar/manifest.json")
config=$(printf '%s' "$manifest" | grep -o '"Config":"[^"]*"' | cut -d'"' -f4)
layers=$(printf '%s' "$manifest" | grep -o '"Layers":\[[^]]*\]' | grep -o '"[^"]*\.tar[^"]*"' | tr -d '"')
for layer in $layers; do
  tar --warning=no-unknown-keyword -xf "$work/tar/$layer" -C "$work/root"
done
# mount points a runtime makes when the image has none (the base has no /dev: build-base.sh)
mkdir -p "$work/root/dev" "$work/root/proc" "$work/root/sys"
cfg=$(cat "$work/tar/$config")
json_list() { # json_list KEY: the strings of the config's list KEY, one a line
  printf '%s' "$cfg" | grep -o "\"$1\":\[[^]]*\]" | head -n 1 | sed 's/^[^[]*\[//; s/\]$//' \
    | grep -o '"[^"]*"' | tr -d '"'
}
mapfile -t env < <(json_list Env)
mapfile -t entrypoint < <(json_list Entrypoint)
workdir=$(printf '%s' "$cfg" | grep -o '"WorkingDir":"[^"]*"' | cut -d'"' -f4)
[ "${#entrypoint[@]}" -gt 0 ] || { echo "check-image.sh: $image: no entrypoint in $config" >&2; exit 1; }

in_image() { # in_image ARGS...: the entrypoint with ARGS, inside the unpacked image
  unshare --mount --pid --fork --propagation private -- /bin/sh -c '
    root=$1; shift
    mount --rbind /dev "$root/dev" && mount --rbind /sys "$root/sys" && mount -t proc proc "$root/proc" \
      && exec "$@"' \
    sh "$work/root" chroot --userspec="$user" "$work/root" \
    /usr/bin/env -i "${env[@]}" HOME=/tmp /bin/sh -c 'cd "$0" && exec "$@"' "${workdir:-/}" "${entrypoint[@]}" "$@"
}

failed=0
check() { # check NAME PATTERN ARGS...: the command's output (stdout and stderr) must match PATTERN
  name=$1 pattern=$2; shift 2
  out=$(in_image "$@" 2>&1) || true
  if printf '%s' "$out" | grep -q 'tailgate: building'; then
    echo "check-image.sh: FAIL $name: the launcher tried to build" >&2; failed=1
  elif printf '%s' "$out" | grep -Eq "$pattern"; then
    echo "check-image.sh: ok   $name"
  else
    printf 'check-image.sh: FAIL %s: no /%s/ in:\n%s\n' "$name" "$pattern" "$out" >&2; failed=1
  fi
}
check "--version" '^tailgate ' --version
check "suites list (nightly)" 'nightly' suites list
check "suites list (smoke)" 'smoke' suites list
check "doctor" '^doctor: [0-9]+ ok' doctor

size=$(du -b "$image" | cut -f1)
unpacked=$(du -sb "$work/root" | cut -f1)
echo "check-image.sh: $image: $((size / 1000000)) MB as a tarball, $((unpacked / 1000000)) MB unpacked"
exit "$failed"
