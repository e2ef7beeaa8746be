#!/usr/bin/env bash
# What tailgate ab resolves on this host: the issue's scenarios, each run several times, with
# embedded-Redis arms that differ only by an injected delay (or not at all), on JedisPing and
# JedisGet 16 B. Prints one line per ab and a summary per scenario, and writes every line to
# results/ab-resolution-<time>.tsv.
#
#   scenario     candidate                      must hold
#   aa           same as baseline               no REGRESSION/IMPROVEMENT; p50 NO CHANGE in >= 80%
#   p50+10%      spin of 10% of the pilot p50   REGRESSION (p50) in >= 90%; median time to decision
#   p50+5%       spin of 5% of the pilot p50    REGRESSION (p50) in >= 80%, under a p50 margin of 2.5%
#   tail         1 ms on 1% of calls            p99 REGRESSION in >= 80%; p50 never REGRESSION
#
# The spin for +10% and +5% is sized from a short pilot run of JedisPing on this host, so the
# shift is relative to what this host measures.
# aa and p50+10% run RUNS times; p50+5% and tail run in every other round, so RUNS=10 gives the
# issue's 10/10/5/5. Needs only what tailgate needs (a JDK and Maven). Takes at most about
# 3 x RUNS x BUDGET; runs that decide early take less.
# Margins: the defaults (p50 5%, p99 10%, p99.9 25%), except for the +5% scenario, which runs
# under a p50 margin of 2.5%: a change is a REGRESSION only when its interval clears the margin,
# so +5% can never be one under a 5% margin. THRESHOLDS=FILE passes --thresholds FILE to every ab
# instead (its regression: section sets the margins and the inconclusive policy).
# Each line also records the code's commit, the pilot p50 that sized the spins, and the 1-minute
# load average when the ab started, so runs taken in a busy window can be told apart. OUT=FILE
# appends to an earlier TSV of the same code (to gather the runs over several quiet windows);
# FIRST=K numbers the rounds from K.
# Every ab runs with --fail-fast (a nightly job's setting: it ends at the first look that shows a
# gating REGRESSION); FAIL_FAST=0 runs the default stop rule, which goes on until the tail checks
# settle. Either way the line records decided_s, the seconds from the start to the look from which
# the REGRESSION held (ab's "decided:" line), which is the time to decision; seconds is the time
# to exit.
# Usage: scripts/ab-resolution.sh [RUNS] [BUDGET]   (default 10 runs, 5m budget)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-10}
budget=${2:-5m}
out=${OUT:-"$root/results/ab-resolution-$(date -u +%Y%m%d-%H%M%S).tsv"}
first=${FIRST:-1}
# the last commit that changed what runs or decides (docs-only commits do not split a series)
commit=$(git -C "$root" log -1 --format=%h -- harness/src/main benchmarks/src/main pom.xml harness/pom.xml \
  benchmarks/pom.xml tailgate 2>/dev/null || echo unknown)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$root/results"
include='JedisPingBenchmark|JedisGetBenchmark'
fail_fast=()
if [ "${FAIL_FAST:-1}" != 0 ]; then fail_fast=(--fail-fast); fi
thresholds=()
if [ -n "${THRESHOLDS:-}" ]; then thresholds=(--thresholds "$THRESHOLDS"); fi

# Pilot: JedisPing's p50 on this host, for sizing the spins.
"$root/tailgate" run --include 'JedisPingBenchmark' --warmup-iterations 1 --iterations 3 --time 1s \
  --results "$work/pilot" >"$work/pilot.txt" 2>&1
p50_us=$(awk '$1 == "JedisPingBenchmark.ping" {print $3; exit}' "$work/pilot.txt")
spin10=$(awk -v p="$p50_us" 'BEGIN {printf "%dns", p * 1000 * 0.10}')
spin5=$(awk -v p="$p50_us" 'BEGIN {printf "%dns", p * 1000 * 0.05}')
echo "pilot: JedisPing p50 ${p50_us} us; +10% = spin ${spin10}, +5% = spin ${spin5}"

if [ ! -s "$out" ]; then
  printf 'scenario\trun\texit\tseconds\trounds\tdecision\tp50\tp99\tstopped\tcommit\tpilot_p50_us\tload\tdecided_s\tfail_fast\n' >"$out"
elif ! awk -F'\t' -v c="$commit" 'NR > 1 && $10 != c {bad = 1} END {exit bad}' "$out"; then
  echo "ab-resolution: $out holds runs of another commit than $commit; start a new file" >&2; exit 2
fi
classification() { # stat file -> REGRESSION if any row of that statistic is, else NO_CHANGE if all are, else the first
  awk -v stat="$1" '{for (i = 2; i <= NF; i++) if ($i ~ /Benchmark\./ && $(i + 1) == stat) {
      label = $1; for (j = 2; j < i; j++) if ($j != "(info)") label = label "_" $j; seen[label]++; n++ } }
    END {if (seen["REGRESSION"]) print "REGRESSION"; else if (seen["IMPROVEMENT"]) print "IMPROVEMENT";
         else if (n > 0 && seen["NO_CHANGE"] == n) print "NO_CHANGE"; else if (n > 0) print "INCONCLUSIVE"; else print "?"}' "$2"
}
small_margin="$work/p50-2.5.yaml"
printf 'schema: 1\nregression:\n  p50: 2.5%%\n' >"$small_margin"

one() { # scenario run candidate-spec [thresholds-file]
  local s=$1 r=$2 cand=$3 start end code
  local t=("${thresholds[@]}")
  if [ ${#t[@]} -eq 0 ] && [ -n "${4:-}" ]; then t=(--thresholds "$4"); fi
  start=$(date +%s)
  load=$(cut -d' ' -f1 /proc/loadavg)
  code=0
  "$root/tailgate" ab --baseline profile:stock --candidate "$cand" --include "$include" --budget "$budget" \
    --results "$work/ab" --no-ledger "${fail_fast[@]}" "${t[@]}" >"$work/out.txt" 2>"$work/err.txt" || code=$?
  cp "$work/out.txt" "${out%.tsv}-$s-$r.txt"   # the comparison table and the looks, for reading afterwards
  cat "$work/err.txt" >>"${out%.tsv}-$s-$r.txt"
  end=$(date +%s)
  local rounds decision p50 p99 stopped decided
  decided=$(sed -n 's/^decided: .*rounds, \([0-9]*\) s after the start.*/\1/p' "$work/out.txt" | head -1)
  rounds=$(sed -n 's/^design: .*, \([0-9]*\) rounds; stopped.*/\1/p' "$work/out.txt" | head -1)
  stopped=$(sed -n 's/^design: .*; stopped: \(.*\)/\1/p' "$work/out.txt" | head -1)
  decision=$(sed -n 's/^decision: \([A-Z ]*\).*/\1/p' "$work/out.txt" | head -1)
  # the worst p50 and p99 classification over both benchmarks (a table row: LABEL benchmark stat ...)
  p50=$(classification p50 "$work/out.txt")
  p99=$(classification p99 "$work/out.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$r" "$code" "$((end - start))" "${rounds:-?}" \
    "${decision:-?}" "${p50:-?}" "${p99:-?}" "${stopped:-?}" "$commit" "$p50_us" "$load" "${decided:--}" \
    "${#fail_fast[@]}" | tee -a "$out"
  rm -rf "$work/ab"
}

for r in $(seq "$first" $((first + runs - 1))); do
  one aa "$r" profile:stock
  one p50+10% "$r" "profile:stock,inject:spin:$spin10"
  if [ $((r % 2)) -eq 1 ]; then
    one p50+5% "$r" "profile:stock,inject:spin:$spin5" "$small_margin"
    one tail "$r" "profile:stock,inject:spin:1ms@0.01"
  fi
done

echo
echo "summary ($out):"
# median time to exit, and median time to decision (a run without a "decided:" line counts at its exit time)
awk -F'\t' 'function median(a, m,   i, j, x) {
      for (i = 2; i <= m; i++) { x = a[i]; j = i - 1; while (j > 0 && a[j] > x) { a[j + 1] = a[j]; j-- } a[j + 1] = x }
      return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
  NR > 1 {n[$1]++; t[$1, n[$1]] = $4; d[$1, n[$1]] = ($13 ~ /^[0-9]+$/) ? $13 : $4
    if ($7 == "REGRESSION") reg[$1]++; if ($7 == "NO_CHANGE") nc[$1]++
    if ($8 == "REGRESSION") reg99[$1]++; if ($6 ~ /REGRESSION|IMPROVEMENT/) claim[$1]++}
  END {for (k in n) {
         m = n[k]; split("", v); split("", w)
         for (i = 1; i <= m; i++) { v[i] = t[k, i]; w[i] = d[k, i] }
         printf "  %-8s runs %d: p50 REGRESSION %d, p50 NO CHANGE %d, p99 REGRESSION %d, any claim %d, median %.0f s to exit, %.0f s to decision\n",
           k, m, reg[k], nc[k], reg99[k], claim[k], median(v, m), median(w, m) }}' "$out"
