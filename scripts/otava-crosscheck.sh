#!/usr/bin/env bash
# Cross-check of dev.tailgate.history.changepoint against Apache Otava on the same series.
# OtavaCrossCheckSeries writes generated series (fixed seeds: flat, steps, drift, outliers) and our
# change points on them; Otava's own analysis (otava.analysis.compute_change_points, window 50,
# p < 0.001, the function its `analyze` command calls per metric) runs on each series in a venv,
# and every series prints agree/disagree. Our "minSegment 1" column is our method without its two
# safeguards (minimum segment 1, no rank test), which must agree with Otava once Otava's merge
# re-tests both neighbours of a removed point, as ours does; our defaults are shown beside.
# Results: docs/change-points.md.
#
# Otava comes from `pip install apache-otava`. Where the package index cannot be reached, point
# OTAVA_SRC at a source checkout of apache/otava (the directory holding otava/analysis.py); its
# analysis needs only numpy and scipy, which are then installed instead.
# Needs the harness classes: mvn -B -q -pl harness -am test-compile
# Usage: scripts/otava-crosscheck.sh [SEEDS]   (default 5; 7 series per seed)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
seeds=${1:-5}
cd "$root"
version=$(sed -n 's:.*<commons-math3.version>\(.*\)</commons-math3.version>.*:\1:p' pom.xml)
math="${HOME}/.m2/repository/org/apache/commons/commons-math3/${version}/commons-math3-${version}.jar"
[ -f "$math" ] || { echo "otava-crosscheck: $math missing; build the harness first" >&2; exit 3; }
[ -d harness/target/test-classes ] || { echo "otava-crosscheck: harness/target/test-classes missing; run mvn -B -q -pl harness -am test-compile" >&2; exit 3; }
work=$(mktemp -d "${TMPDIR:-/tmp}/otava-crosscheck.XXXXXX")
trap 'rm -rf "$work"' EXIT
java -cp "harness/target/classes:harness/target/test-classes:$math" \
  dev.tailgate.history.changepoint.OtavaCrossCheckSeries "$work/data" "$seeds" > /dev/null
python3 -m venv "$work/venv"
pip=("$work/venv/bin/pip" install -q --disable-pip-version-check)
if "${pip[@]}" apache-otava > "$work/pip.log" 2>&1; then
  source_note="apache-otava $("$work/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("apache-otava"))') from the package index"
  pythonpath=""
elif [ -n "${OTAVA_SRC:-}" ] && [ -f "$OTAVA_SRC/otava/analysis.py" ]; then
  "${pip[@]}" numpy scipy > "$work/pip.log" 2>&1 || { echo "otava-crosscheck: pip install numpy scipy failed: $(tail -1 "$work/pip.log")" >&2; exit 3; }
  source_note="Otava source at $OTAVA_SRC ($(git -C "$OTAVA_SRC" describe --tags 2>/dev/null || echo 'no git tag')), pip could not install apache-otava"
  pythonpath="$OTAVA_SRC"
else
  echo "otava-crosscheck: pip install apache-otava failed ($(tail -1 "$work/pip.log")) and OTAVA_SRC is not an Otava checkout" >&2
  exit 3
fi
echo "Otava: $source_note"
PYTHONPATH="$pythonpath" "$work/venv/bin/python" - "$work/data" <<'PY'
import sys
from otava.analysis import TTestSignificanceTester, compute_change_points, split


def merge_retesting_both_neighbours(change_points, series, max_pvalue):
    """Otava's merge with one change: after removing a point, re-test its left neighbour (at
    position i - 1) and its right one (now at i). Otava re-tests positions i and i + 1, so the
    left neighbour keeps the p-value of its old, shorter right segment."""
    tester = TTestSignificanceTester(max_pvalue)
    while change_points:
        weakest = max(change_points, key=lambda c: c.stats.pvalue)
        if weakest.stats.pvalue < max_pvalue:
            weakest = min(change_points, key=lambda c: c.stats.change_magnitude())
            if weakest.stats.change_magnitude() > 0.0:
                return change_points
        i = change_points.index(weakest)
        del change_points[i]
        intervals = tester.get_intervals(change_points)
        for j in (i - 1, i):
            if 0 <= j < len(change_points):
                change_points[j] = tester.change_point(change_points[j].to_candidate(), series, intervals)
    return change_points


data = sys.argv[1]
ours = {}
with open(f"{data}/ours.csv") as f:
    for line in f:
        name, minseg1, defaults = line.rstrip("\n").split(";")
        ours[name] = ([int(i) for i in minseg1.split()], [int(i) for i in defaults.split()])
agree = 0
agree_both = 0
total = 0
with open(f"{data}/series.csv") as f:
    for line in f:
        name, *values = line.rstrip("\n").split(",")
        series = [float(v) for v in values]
        points, _ = compute_change_points(series, window_len=50, max_pvalue=0.001)
        otava = [int(p.index) for p in points]
        both = [int(p.index) for p in merge_retesting_both_neighbours(split(series, 50, 0.01), series, 0.001)]
        same = otava == ours[name][0]
        same_both = both == ours[name][0]
        agree += same
        agree_both += same_both
        total += 1
        print(f"{'agree   ' if same else 'DISAGREE'} {name:<18} otava {otava}"
              + ("" if same else f" | otava re-testing both neighbours {both} ({'agrees' if same_both else 'DISAGREES'})")
              + f" | ours(minSegment 1) {ours[name][0]} | ours(defaults) {ours[name][1]}")
print(f"{agree} of {total} series agree with Otava; {agree_both} of {total} with Otava re-testing both neighbours")
sys.exit(0 if agree_both == total else 1)
PY
