#!/usr/bin/env bash
# Issue 19's history targets: 365 nightly summaries x 200 benchmark/params x 6 statistics;
# a full index rebuild in <= 30 s and `tailgate history` on the warm index in <= 3 s.
# Generates the summaries once (kept under harness/target/perf/history), then times, in one JVM,
# three rebuilds and five warm histories (HistoryScale), then fresh-JVM `java -jar` runs of both.
# Needs the jar and the test classes: mvn -B -q -pl harness -am package -DskipTests
# Usage: scripts/history-scale.sh [NIGHTS] [BENCHMARKS]   (default 365 200)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"
nights=${1:-365}
benchmarks=${2:-200}
work=harness/target/perf/history-$nights-$benchmarks
cp="harness/target/tailgate.jar:harness/target/test-classes"
mkdir -p "$work"
java -cp "$cp" dev.tailgate.history.HistoryScale "$work" "$nights" "$benchmarks"
for what in "--rebuild" ""; do
  # exit 1 is expected: the generated history ends after a regression
  /usr/bin/time -f "%e s wall, %U s user" -o "$work/t" java -jar harness/target/tailgate.jar history \
    --results "$work" $what > /dev/null || true
  echo "fresh JVM: history ${what:-(warm index)}: $(cat "$work/t") (load $(cut -d' ' -f1 /proc/loadavg))"
done
