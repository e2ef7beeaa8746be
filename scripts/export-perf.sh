#!/usr/bin/env bash
# Fresh-JVM wall time of `tailgate export` on a 2,000-result run (issue 19's target: <= 1 s).
# The run: LargeJmhJsonGenerator's 2,000 sample-mode results (2 forks x 3 iterations x 350
# samples each, 63 MB, seeded, the gate's performance input), a COMPLETE manifest, and the
# verdict.json of a gate with 5 limits per result, so the export also writes 10,000 gate series.
# Times `java -jar harness/target/tailgate.jar export` (default JVM flags) and `./tailgate export`
# (the launcher's flags for short-lived commands) alternately, after one untimed run of each
# (the launcher's first run writes its class-data archive, and the first export derives the run's
# summary.json, which a real `run` writes when it finishes: export reads that, not the 63 MB of
# JMH JSON). Prints every run and the medians.
# Needs the jar and the test classes: mvn -B -q -pl harness -am package -DskipTests
# Usage: scripts/export-perf.sh [RUNS]   (default 7)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
runs=${1:-7}
cd "$root"
cp="harness/target/tailgate.jar:harness/target/test-classes"
work=harness/target/perf/export
run="$work/run"
if [ ! -f "$run/verdict.json" ]; then
  mkdir -p "$run"
  java -cp "$cp" dev.tailgate.perf.LargeJmhJsonGenerator "$run/jmh.json" 2000
  printf '%s\n' '{"schema":1,"runId":"export-perf","suite":"nightly","status":"COMPLETE",' \
    '"startedAt":"2026-11-25T22:00:00Z","redis":{"mode":"embedded","version":"7.0.15","profile":"stock (bundled)"}}' \
    > "$run/manifest.json"
  java -jar harness/target/tailgate.jar gate "$run" --thresholds harness/src/test/resources/perf/thresholds.yaml \
    --today 2026-11-25 --no-ledger > /dev/null || true   # the verdict may fail; only its file matters here
fi
plain=(java -jar harness/target/tailgate.jar export "$run" --out "$work/tailgate.prom")
launcher=(./tailgate export "$run" --out "$work/tailgate.prom")
"${plain[@]}" > /dev/null
"${launcher[@]}" > /dev/null
: > "$work/plain.times"
: > "$work/launcher.times"
for i in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S" -o "$work/t" "${plain[@]}" > /dev/null
  p=$(cat "$work/t"); echo "$p" >> "$work/plain.times"
  /usr/bin/time -f "%e %U %S" -o "$work/t" "${launcher[@]}" > /dev/null
  l=$(cat "$work/t"); echo "$l" >> "$work/launcher.times"
  echo "run $i (load $load): java -jar wall/user/sys $p s | ./tailgate $l s"
done
median() { awk '{print $1, $2 + $3}' "$1" | sort -g | awk '{w[NR]=$1; c[NR]=$2} END {m=int((NR+1)/2); printf "wall %.2f s (min %.2f, max %.2f)", w[m], w[1], w[NR]}'; }
cpu() { awk '{print $2 + $3}' "$1" | sort -g | awk '{c[NR]=$1} END {printf "cpu %.2f s", c[int((NR+1)/2)]}'; }
echo "java -jar: median $(median "$work/plain.times"), median $(cpu "$work/plain.times")"
echo "./tailgate: median $(median "$work/launcher.times"), median $(cpu "$work/launcher.times")"
echo "output: $(wc -l < "$work/tailgate.prom") lines, $(wc -c < "$work/tailgate.prom") bytes"
