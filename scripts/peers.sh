#!/usr/bin/env bash
# tailgate's floors side by side with the C tools the issue names (#16), as a benchmark whose
# figures can be trusted: every tool runs once per round, the order of tools is shuffled per
# round (seeded; the seed is printed and recorded), so drift over the session hits every tool
# alike, and every round is kept.
#
#   sockperf            sockperf ping-pong --tcp --full-rtt -m PAYLOAD      (C, blocking)
#   floor-<io>          TcpPingPongBenchmark payloadBytes=PAYLOAD, tailgate.io=<io>
#   redis-benchmark     redis-benchmark -c 1 -P 1 --precision 3 -t ping_mbulk (C, hiredis, event loop;
#                       the PING_MBULK half of -t ping: the same 14 RESP bytes raw RESP sends)
#   raw-<io>            RawRespPingBenchmark, tailgate.io=<io>
#   jedis, lettuce      JedisPingBenchmark, LettuceSyncPingBenchmark
#   client-cost         ClientCostMain: raw RESP (first of FLOOR_IOS), Jedis and Lettuce PING interleaved
#                       call by call in one window; gives the round jedis_minus_raw_paired and
#                       lettuce_minus_raw_paired (p50, p99): the client library's cost, which two
#                       sequential windows (jedis minus raw-<io>, kept as "unpaired") cannot give on a
#                       host that changes speed regime every few seconds (docs/performance.md)
#   CROSS=1 adds        floor-to-sockperf-sr  (tailgate's client, sockperf framing, against sockperf sr)
#                       sockperf-to-echo      (sockperf's client against tailgate's EchoServerMain)
#   FLOOR_VARIANTS adds floor-<label>         the floor (first of FLOOR_IOS) with one more switch, so
#                       that one suspect is measured side by side with the default in the same run:
#                       FLOOR_VARIANTS="hiccup-off=tailgate.hiccup=off echo-channel=tailgate.echo.io=channel"
#
# Servers (redis-server, sockperf sr, the echo servers) sit on SERVER_CPU, clients on CLIENT_CPU,
# as tailgate's core plan does on a 2-core host. How each tool's p99 is taken, and its resolution:
#   sockperf         every round trip, its own clock, printed to 0.001 us
#   JMH SampleTime   a sample of the calls, each timed by two System.nanoTime() reads (their cost
#                    is inside the figure; docs/performance.md measures it), kept with 10
#                    significant bits: steps of 32 ns at 30 us
#   redis-benchmark  every request, in whole microseconds (ustime), into an HdrHistogram; printed
#                    in ms with 3 decimals: steps of 1 us, ~3% at 30 us
#   client-cost      every call, between two System.nanoTime() reads, into one HdrHistogram per
#                    client with 3 significant digits: steps of 32 ns at 30 us
#
# Usage: scripts/peers.sh [ROUNDS]        ROUNDS defaults to 5; fewer is refused unless FORCE=1
# Environment (defaults): SECONDS_PER_TOOL (10) measured seconds per tool per round;
#   WARMUP_SECONDS (2; 0 = none) JMH warm-up; FLOOR_IOS ("stream channel spin") transports of
#   the floor and raw RESP; HICCUP (on) and ECHO_IO (stream) the other switches
#   (benchmarks/README.md); PAYLOAD (16); CROSS (0); SEED (random); SERVER_CPU (0);
#   CLIENT_CPU (1); REDIS_PORT (16379); SOCKPERF_PORT (11111); ECHO_PORT (11112);
#   RB_REQUESTS_PER_SECOND (20000) sizes redis-benchmark's -n; JMH_JAVA_OPTS for the JMH host
#   JVM (e.g. -Djmh.ignoreLock=true beside another JMH run); RESULTS (results/).
# Writes RESULTS/peers-<UTC time>.json (every round, the orders, the host) and prints a table.
# Needs: sockperf, redis-server, redis-benchmark, jq, a JDK and Maven; (re)builds benchmarks.jar
# when it is missing or older than a benchmark source.
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
rounds=${1:-5}
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "peers.sh: ROUNDS must be a positive integer, got \"$rounds\"" >&2; exit 2
fi
if (( rounds < 5 )) && [ "${FORCE:-0}" != 1 ]; then
  echo "peers.sh: $rounds rounds give no spread worth reading; use at least 5 (FORCE=1 to override)" >&2; exit 2
fi
secs=${SECONDS_PER_TOOL:-10}
warm=${WARMUP_SECONDS:-2}
ios=${FLOOR_IOS:-stream channel spin}
hiccup=${HICCUP:-on}
echo_io=${ECHO_IO:-stream}
payload=${PAYLOAD:-16}
cross=${CROSS:-0}
seed=${SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
rport=${REDIS_PORT:-16379}
sport=${SOCKPERF_PORT:-11111}
eport=${ECHO_PORT:-11112}
rb_rate=${RB_REQUESTS_PER_SECOND:-20000}
results=${RESULTS:-$root/results}
declare -A variant=()
variant_labels=()
for v in ${FLOOR_VARIANTS:-}; do
  label=${v%%=*} prop=${v#*=}
  if ! [[ "$label" =~ ^[a-z0-9-]+$ && "$prop" == tailgate.*=* ]] || [[ " $ios to-sockperf-sr " == *" $label "* ]]; then
    echo "peers.sh: FLOOR_VARIANTS: expected label=tailgate.property=value with a new label, got \"$v\"" >&2; exit 2
  fi
  variant[$label]=$prop
  variant_labels+=("$label")
done
for tool in sockperf redis-server redis-benchmark jq java taskset; do
  command -v "$tool" >/dev/null 2>&1 || { echo "peers.sh: $tool not found on PATH" >&2; exit 3; }
done
jar=$root/benchmarks/target/benchmarks.jar
# a jar older than any benchmark source would measure other code than the checkout's
if [ ! -f "$jar" ] || [ -n "$(find "$root/benchmarks/src/main" "$root/benchmarks/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am -DskipTests package >&2) || { echo "peers.sh: building $jar failed" >&2; exit 4; }
fi
mkdir -p "$results"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
out="$results/peers-$(date -u +%Y%m%dT%H%M%SZ).json"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

taskset -c "$server_cpu" redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no --logfile "$work/redis.log" &
pids+=($!)
taskset -c "$server_cpu" sockperf sr --tcp -i 127.0.0.1 -p "$sport" >"$work/sockperf-sr.log" 2>&1 &
pids+=($!)
if [ "$cross" = 1 ]; then
  java -cp "$jar" dev.tailgate.bench.net.EchoServerMain --port "$eport" --cpu "$server_cpu" --io "$echo_io" \
    --framing sockperf >"$work/echo.log" 2>&1 &
  pids+=($!)
fi
ping_redis() { # redis-benchmark -n 1 can spin forever (7.0): ask the socket itself, with a deadline
  local reply
  { exec 3<>"/dev/tcp/127.0.0.1/$rport"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3<&- 3>&-
  [ "${reply%$'\r'}" = "+PONG" ]
}
ready() {
  ping_redis || return 1
  [ "$cross" != 1 ] || grep -q listening "$work/echo.log"
}
for _ in $(seq 1 100); do ready && break; sleep 0.1; done
ready || { echo "peers.sh: redis-server on $rport or the echo server on $eport did not start" >&2; exit 3; }

# p50 and p99 in microseconds, one line "P50 P99"; nothing when the tool failed.
sockperf_pp() {
  taskset -c "$client_cpu" sockperf pp --tcp --full-rtt -i 127.0.0.1 -p "$1" -t "$secs" -m "$payload" 2>&1 \
    | awk '/percentile 50.000/ {p50=$NF} /percentile 99.000/ {p99=$NF} END {if (p50 != "" && p99 != "") print p50, p99}'
}
jmh() { # TOOL REGEX JVM-PROPERTIES...
  local tool=$1 regex=$2; shift 2
  local wu=(-wi 0); [ "$warm" = 0 ] || wu=(-wi 1 -w "${warm}s")
  # shellcheck disable=SC2086
  java ${JMH_JAVA_OPTS:-} -jar "$jar" "$regex" -p payloadBytes="$payload" -f 1 "${wu[@]}" -i 1 -r "${secs}s" \
      -rf json -rff "$work/$tool.json" -jvmArgsAppend "-Dtailgate.cpu.server=$server_cpu \
-Dtailgate.cpu.clients=$client_cpu -Dtailgate.redis.port=$rport -Dtailgate.hiccup=$hiccup \
-Dtailgate.echo.io=$echo_io $*" >"$work/$tool.log" 2>&1 || return 0
  jq -r '.[0].primaryMetric.scorePercentiles | "\(.["50.0"] / 1000) \(.["99.0"] / 1000)"' "$work/$tool.json"
}
measure() {
  case $1 in
    sockperf) sockperf_pp "$sport" ;;
    sockperf-to-echo) sockperf_pp "$eport" ;;
    redis-benchmark)
      taskset -c "$client_cpu" redis-benchmark -p "$rport" -c 1 -P 1 -t ping_mbulk -n $((secs * rb_rate)) \
          --precision 3 --csv 2>/dev/null | awk -F'","' '/PING_MBULK/ {gsub(/"/, "", $7); print $5 * 1000, $7 * 1000}' ;;
    floor-to-sockperf-sr) jmh "$1" 'TcpPingPong' "-Dtailgate.io=${ios%% *}" \
        "-Dtailgate.floor.framing=sockperf -Dtailgate.floor.target=127.0.0.1:$sport" ;;
    floor-*) if [ -n "${variant[${1#floor-}]:-}" ]; then
        jmh "$1" 'TcpPingPong' "-Dtailgate.io=${ios%% *}" "-D${variant[${1#floor-}]}"
      else
        jmh "$1" 'TcpPingPong' "-Dtailgate.io=${1#floor-}"
      fi ;;
    raw-*) jmh "$1" 'RawRespPing' "-Dtailgate.io=${1#raw-}" ;;
    jedis) jmh "$1" 'JedisPing' ;;
    lettuce) jmh "$1" 'LettuceSyncPing' ;;
  esac
}
# The paired measurement: writes $work/client-cost.json (its percentiles and differences, in us).
# Placement as a JMH fork's: the thread pinned by tailgate's own pinning to CLIENT_CPU (not taskset,
# which would also confine Lettuce's I/O thread to that CPU, unlike LettuceSyncPingBenchmark).
client_cost() {
  rm -f "$work/client-cost.json"
  java "-Dtailgate.cpu.server=$server_cpu" "-Dtailgate.cpu.clients=$client_cpu" "-Dtailgate.redis.port=$rport" \
      "-Dtailgate.io=${ios%% *}" -cp "$jar" dev.tailgate.bench.redis.ClientCostMain --warmup-ms $((warm * 1000)) \
      --measure-ms $((secs * 1000)) --json "$work/client-cost.json" >"$work/client-cost.log" 2>&1 || true
  [ -s "$work/client-cost.json" ]
}

tools=(sockperf redis-benchmark jedis lettuce client-cost)
for io in $ios; do tools+=("floor-$io" "raw-$io"); done
for label in "${variant_labels[@]}"; do tools+=("floor-$label"); done
[ "$cross" != 1 ] || tools+=(floor-to-sockperf-sr sockperf-to-echo)
echo "peers.sh: $rounds rounds of ${#tools[@]} tools, ${secs}s each, seed $seed; writing $out" >&2
RANDOM=$seed
: >"$work/rounds.jsonl"
for r in $(seq 1 "$rounds"); do
  order=("${tools[@]}")
  for ((i = ${#order[@]} - 1; i > 0; i--)); do
    j=$((RANDOM % (i + 1))); t=${order[i]}; order[i]=${order[j]}; order[j]=$t
  done
  res='{}'
  paired='{"jedis_minus_raw_paired": null, "lettuce_minus_raw_paired": null, "clientCost": null}'
  for tool in "${order[@]}"; do
    if [ "$tool" = client-cost ]; then
      if client_cost; then
        paired=$(jq -c '{jedis_minus_raw_paired, lettuce_minus_raw_paired, clientCost: .}' "$work/client-cost.json")
      else
        echo "peers.sh: round $r: client-cost failed: $(tail -1 "$work/client-cost.log")" >&2
      fi
      continue
    fi
    read -r p50 p99 < <(measure "$tool"; echo) || true
    if [ -n "${p50:-}" ]; then
      res=$(jq -c --arg t "$tool" --argjson a "$p50" --argjson b "$p99" '.[$t] = {p50: $a, p99: $b}' <<<"$res")
    else
      res=$(jq -c --arg t "$tool" '.[$t] = null' <<<"$res")
      echo "peers.sh: round $r: $tool failed (log kept only for this session)" >&2
    fi
  done
  jq -nc --argjson r "$r" --argjson res "$res" --argjson paired "$paired" \
    '{round: $r, order: $ARGS.positional, results: $res} + $paired' --args "${order[@]}" >>"$work/rounds.jsonl"
  echo "round $r: $(jq -r '[.results | to_entries[] | "\(.key) \(.value.p50 // "n/a")"] | join(", ")' <"$work/rounds.jsonl" | tail -1) (p50, us)" >&2
  echo "round $r: paired $(tail -1 "$work/rounds.jsonl" | jq -r 'def d: if . == null then "n/a" else "p50 \(.p50) p99 \(.p99)" end;
    "jedis_minus_raw_paired \(.jedis_minus_raw_paired | d), lettuce_minus_raw_paired \(.lettuce_minus_raw_paired | d)"') (us)" >&2
done

first() { "$@" 2>&1 | sed -n 1p; }
jq -s --arg started "$started" --argjson seed "$seed" --argjson secs "$secs" --argjson warm "$warm" \
  --argjson payload "$payload" --argjson server "$server_cpu" --argjson client "$client_cpu" \
  --arg hiccup "$hiccup" --arg echoIo "$echo_io" --arg ios "$ios" --arg variants "${FLOOR_VARIANTS:-}" \
  --arg kernel "$(uname -r)" --arg cpu "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" \
  --arg clocksource "$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)" \
  --arg jdk "$(first java -version)" --arg redis "$(first redis-server --version)" \
  --arg sockperf "$(first sockperf --version)" --arg rb "$(first redis-benchmark --version)" \
  '{started: $started, seed: $seed, secondsPerTool: $secs, warmupSeconds: $warm, payloadBytes: $payload,
    placement: {serverCpu: $server, clientCpu: $client},
    switches: {"tailgate.hiccup": $hiccup, "tailgate.echo.io": $echoIo, floorIos: ($ios | split(" ")),
      floorVariants: ($variants | split(" ") | map(select(. != ""))), clientCostIo: ($ios | split(" ") | .[0])},
    host: {kernel: $kernel, cpuModel: $cpu, clocksource: $clocksource, jdk: $jdk, redis: $redis,
           sockperf: $sockperf, redisBenchmark: $rb},
    units: "microseconds",
    resolution: {sockperf: "every round trip, own clock, printed to 0.001 us",
      jmh: "SampleTime: a sample of calls, two System.nanoTime() reads each, 10 significant bits kept",
      "redis-benchmark": "every request in whole microseconds (--precision 3 prints 0.001 ms)",
      "client-cost": "every call, two System.nanoTime() reads each, HdrHistogram with 3 significant digits"},
    rounds: .}' "$work/rounds.jsonl" >"$out"
jq -r -f "$root/scripts/peers-summary.jq" "$out"
echo "written: $out" >&2
