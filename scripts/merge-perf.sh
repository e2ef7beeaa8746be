#!/usr/bin/env bash
# How long `tailgate merge` of 8 shards of the nightly suite takes, as a whole process (JVM start,
# class loading, JIT and the merge itself: what a user or a CI job waits for), against the
# issue's target of 5 s (docs/distributed.md, "Performance").
#
# The shards are made once by MergePerformanceMain (seeded; 50 sample-mode results x 5 forks x
# 5 iterations x 2,000 distinct values per shard, and a hiccup log per result and fork; about
# 400 MB for 8 shards) and reused by later runs of the same shape. Each round merges them into
# a fresh directory, timed by the shell around the launcher. With OTHER=DIR (another checkout of
# tailgate, built), every round runs that checkout's launcher too, in turn (this, other, this,
# other, ...), on the same shards: on a shared machine only such side-by-side figures compare.
#
# Usage: scripts/merge-perf.sh [ROUNDS=5] [SHARDS=8] [RESULTS=50] [PAIRS=2000]
#   DIR=path   where the shards live (default target/perf/merge-cli)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
rounds=${1:-5}
shards=${2:-8}
results=${3:-50}
pairs=${4:-2000}
dir=${DIR:-"$root/target/perf/merge-cli"}
other=${OTHER:-}
cd "$root"
if [ ! -f harness/target/tailgate.jar ] || [ ! -d harness/target/test-classes/dev/tailgate/perf ]; then
  mvn -B -q -DskipTests package >&2
  mvn -B -q -pl harness -am test-compile >&2
fi
java -cp harness/target/tailgate.jar:harness/target/test-classes dev.tailgate.perf.MergePerformanceMain \
  "$dir" "$shards" "$results" "$pairs" 0
inputs=()
for s in $(seq 1 "$shards"); do inputs+=("$dir/shard-$s"); done
echo "$shards shards, $(du -sm "$dir" | cut -f1) MB in; $(nproc) CPUs; $(java -version 2>&1 | head -1)"

time_one() { # label launcher-root out-dir
  local t0 t1 rc=0
  rm -rf "$3"
  t0=$(date +%s%N)
  "$2/tailgate" merge "${inputs[@]}" --out "$3" >/dev/null 2>"$dir/err.txt" || rc=$?
  t1=$(date +%s%N)
  if [ "$rc" -ne 0 ]; then
    echo "merge-perf: $1 exited $rc: $(head -1 "$dir/err.txt")" >&2
    exit 2
  fi
  printf '%s\t%d\t%.2f\t%s\n' "$1" "$r" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) / 1e9}')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$3"
}

# one untimed merge per launcher first: it builds the jar if stale and writes a class-data archive
r=0
"$root/tailgate" merge "${inputs[@]}" --out "$dir/warm" >/dev/null 2>&1 || true; rm -rf "$dir/warm"
if [ -n "$other" ]; then "$other/tailgate" merge "${inputs[@]}" --out "$dir/warm" >/dev/null 2>&1 || true; rm -rf "$dir/warm"; fi

printf 'launcher\tround\tseconds\tload\n'
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for r in $(seq 1 "$rounds"); do
  time_one this "$root" "$dir/merged" | tee -a "$out"
  if [ -n "$other" ]; then time_one other "$other" "$dir/merged" | tee -a "$out"; fi
done
awk -F'\t' '{n[$1]++; v[$1, n[$1]] = $3}
  END {for (k in n) {m = n[k]; for (i = 1; i <= m; i++) a[i] = v[k, i]
         for (i = 2; i <= m; i++) {x = a[i]; j = i - 1; while (j > 0 && a[j] > x) {a[j + 1] = a[j]; j--} a[j + 1] = x}
         printf "%s: median %.2f s of %d (min %.2f, max %.2f)\n", k, (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2, m, a[1], a[m]}}' "$out"
