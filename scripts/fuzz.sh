#!/usr/bin/env bash
# Fuzzes tailgate's parsers of outside input with Jazzer, one target at a time, each for a fixed
# time (docs/dev/fuzzing.md). The targets are the @FuzzTest methods in
# harness/src/test/java/dev/tailgate/fuzz/; the normal build runs them over their committed
# corpus only.
#
# A finding (any exception other than a one-line BadInputException/UsageException, or an error)
# stops that target: Jazzer writes the input as crash-<sha1> into
# harness/src/test/resources/dev/tailgate/fuzz/<Class>Inputs/<method>/, where the normal build
# replays it as a regression test. Fix the parser, keep the file, commit both.
# The inputs Jazzer grows while fuzzing stay in harness/.cifuzz-corpus/ (not committed) and
# seed the next run.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [Class#method ...]   (default 120 s, every target)
# Exit: 0 no finding, 1 a finding (or a broken build), 2 usage.
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
seconds=${1:-120}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS_PER_TARGET \"$seconds\": expected a positive integer" >&2; exit 2; }
shift || true
src=$root/harness/src/test/java/dev/tailgate/fuzz
if (($# == 0)); then
    # every @FuzzTest method, as Class#method, in file order
    set -- $(awk 'FNR == 1 { c = FILENAME; sub(".*/", "", c); sub("[.]java$", "", c) }
                  /@FuzzTest/ { want = 1; next }
                  want && match($0, /void [A-Za-z0-9_]+\(/) { m = substr($0, RSTART + 5, RLENGTH - 6); print c "#" m; want = 0 }' \
              "$src"/*.java)
fi
logs=$root/harness/target/fuzz-logs
mkdir -p "$logs"
cd "$root"
mvn -B -q -pl harness -am test-compile
found=0
for target in "$@"; do
    log=$logs/${target/\#/.}.log
    echo "fuzz.sh: $target for ${seconds}s (log: ${log#$root/})"
    # @FuzzTest(maxDuration) is only an upper bound for a hand run: the script ends the surefire
    # fork SECONDS after libFuzzer starts. SIGKILL, because on SIGTERM libFuzzer saves the input
    # it was running as a bogus "fuzz target exited" crash. Jazzer writes a real finding the
    # moment it sees it and then ends the run itself, so the kill loses nothing.
    JAZZER_FUZZ=1 mvn -B -pl harness -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
        -DtrimStackTrace=false >"$log" 2>&1 &
    mvn_pid=$!
    until grep -aq "^INFO: Seed:" "$log" || ! kill -0 "$mvn_pid" 2>/dev/null; do sleep 1; done
    deadline=$((SECONDS + seconds))
    while kill -0 "$mvn_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 1; done
    # the fork is a grandchild of this mvn (mvn -> sh -c -> java)
    for shell in $(pgrep -P "$mvn_pid" || true); do
        for fork in $(pgrep -P "$shell" || true); do
            kill -KILL "$fork" 2>/dev/null || true
        done
    done
    set +e
    wait "$mvn_pid"
    rc=$?
    set -e
    if grep -aq "FuzzTestFindingException\|== Java Exception\|crash-[0-9a-f]\{40\}" "$log"; then
        found=1
        echo "fuzz.sh: FINDING in $target:"
        grep -a -m 3 "== Java Exception\|FuzzTestFinding\|Caused by" "$log" | sed 's/^/    /'
        echo "    input: $(grep -ao "[^ ]*crash-[0-9a-f]\{40\}" "$log" | head -1)"
    elif ((rc == 0)) || grep -aq "The forked VM terminated\|ExecutionException" "$log"; then
        echo "fuzz.sh: $target: no finding ($(grep -ao '#[0-9]*.*exec/s: [0-9]*' "$log" | tail -1))"
    else
        found=1
        echo "fuzz.sh: $target: the run failed without a finding (mvn exit $rc), see $log"
    fi
done
exit $found
