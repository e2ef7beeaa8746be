#!/usr/bin/env bash
# The many-connection benchmark side by side with redis-benchmark, in one session on one machine,
# interleaved per round so that drift hits both tools alike (issue 17: tailgate's closed loop
# over C connections should reach at least 80% of `redis-benchmark -c C -P 1` throughput):
#   - redis-benchmark -c C -P 1 -t CMD -d SIZE -r KEYS          (one thread, C connections)
#   - load.RawRespMixBenchmark -t 1 -p connections=C -p mix=CMD:1 -p values=SIZE -p keyspace=KEYS
#     (one pinned thread, C connections each with one command in flight; throughput and the
#     latency histogram of every command, from its .hlog)
# Placement as scripts/peers.sh: Redis on SERVER_CPU, both clients on CLIENT_CPU.
# Keys: redis-benchmark's (key:__rand_int__) are written once before the rounds so its GETs hit,
# as tailgate's preloaded keys do.
# Needs: redis-server, redis-benchmark (Debian: redis-server redis-tools), jq, a JDK.
# Usage: scripts/many-connections.sh [ROUNDS]   (default 3). Prints one JSON document on stdout:
# per-round figures, medians and the throughput ratio; progress on stderr.
# Settings (environment): CONNECTIONS=50 CMD=GET (GET|SET|PING) VALUE_BYTES=64 KEYS=1000
#   RB_REQUESTS=500000 TG_TIME=10s TG_WARMUP=2s SERVER_CPU=0 CLIENT_CPU=1 REDIS_PORT=16380
#   JAVA_HOST_OPTS  options of the JMH host JVM (e.g. -Djmh.ignoreLock=true beside another JMH run)
#   HISTOGRAMS_DIR  keep each round's .hlog files there (round1/, round2/, ...); default: discarded
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
rounds=${1:-3}
conns=${CONNECTIONS:-50}
cmd=${CMD:-GET}
size=${VALUE_BYTES:-64}
keys=${KEYS:-1000}
rb_requests=${RB_REQUESTS:-500000}
tg_time=${TG_TIME:-10s}
tg_warmup=${TG_WARMUP:-2s}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
rport=${REDIS_PORT:-16380}
jar="$root/benchmarks/target/benchmarks.jar"
case "$cmd" in GET|SET|PING) ;; *) echo "CMD: expected GET, SET or PING, got \"$cmd\"" >&2; exit 2 ;; esac
for tool in redis-server redis-benchmark jq java taskset; do
  command -v "$tool" >/dev/null || { echo "many-connections.sh: $tool not found on PATH" >&2; exit 3; }
done
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  (cd "$root" && mvn -B -q -pl benchmarks -am -DskipTests package) >&2
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

taskset -c "$server_cpu" redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no --logfile "$work/redis.log" &
up=0
for _ in $(seq 1 100); do
  if redis-cli -p "$rport" ping >/dev/null 2>&1; then up=1; break; fi
  sleep 0.1
done
[ "$up" = 1 ] || { echo "many-connections.sh: redis-server did not answer on port $rport" >&2; exit 3; }
lc=$(echo "$cmd" | tr '[:upper:]' '[:lower:]')
if [ "$cmd" = GET ]; then
  taskset -c "$client_cpu" redis-benchmark -p "$rport" -c "$conns" -P 16 -t set -d "$size" -r "$keys" -n $((keys * 20)) -q \
    >/dev/null 2>&1
fi

: >"$work/rounds.jsonl"
for r in $(seq 1 "$rounds"); do
  # redis-benchmark 7 CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  rb=$(taskset -c "$client_cpu" redis-benchmark -p "$rport" -c "$conns" -P 1 -t "$lc" -d "$size" -r "$keys" \
        -n "$rb_requests" --precision 3 --csv 2>/dev/null | awk -F'","' -v t="$cmd" '
        { gsub(/"/, "") } $1 ~ "^"t {n=split($0, f, ","); printf "{\"rps\":%s,\"p50_us\":%s,\"p99_us\":%s,\"max_us\":%s}",
          f[2], f[5]*1000, f[7]*1000, f[8]*1000; exit }')
  [ -n "$rb" ] || { echo "many-connections.sh: no $cmd line in redis-benchmark's CSV (round $r)" >&2; exit 4; }
  hist="${HISTOGRAMS_DIR:-$work/histograms}/round$r"
  taskset -c "$client_cpu" java ${JAVA_HOST_OPTS:-} -jar "$jar" 'load\.RawRespMixBenchmark' -t 1 -f 1 -wi 1 -w "$tg_warmup" \
      -i 1 -r "$tg_time" -p connections="$conns" -p pipeline=1 -p mix="$cmd:1" -p values="$size" -p keyspace="$keys" \
      -p keys=uniform -jvmArgsAppend "-Dtailgate.redis.port=$rport -Dtailgate.cpu.server=$server_cpu \
-Dtailgate.cpu.clients=$client_cpu -Dtailgate.histograms.dir=$hist" >"$work/tg$r.log" 2>&1 \
    || { echo "many-connections.sh: the tailgate benchmark failed (round $r):" >&2; tail -20 "$work/tg$r.log" >&2; exit 4; }
  # the measurement iteration's line: "... N commands in S s = R commands/s; mix p50 A us, p99 B us, p99.9 C us"
  tg=$(grep -a '\[tailgate\] RawRespMix thread 0: ' "$work/tg$r.log" | grep -v 'warm-up' | tail -1 | awk '
        { for (i = 1; i <= NF; i++) { if ($i == "commands/s;") rps = $(i-1); if ($i == "p50") p50 = $(i+1);
          if ($i == "p99") p99 = $(i+1); if ($i == "p99.9") p999 = $(i+1) }
          gsub(/,/, "", p50); gsub(/,/, "", p99); printf "{\"rps\":%s,\"p50_us\":%s,\"p99_us\":%s,\"p999_us\":%s}", rps, p50, p99, p999 }')
  [ -n "$tg" ] || { echo "many-connections.sh: no measurement line in the tailgate output (round $r)" >&2; exit 4; }
  hlog=$(ls "$hist"/*.hlog 2>/dev/null | grep -v hiccup | head -1 || true)
  echo "round $r: redis-benchmark $rb | tailgate $tg" >&2
  jq -cn --argjson rb "$rb" --argjson tg "$tg" --arg r "$r" --arg hlog "$(basename "${hlog:-none}")" \
    '{round: ($r|tonumber), redis_benchmark: $rb, tailgate: ($tg + {hlog: $hlog})}' >>"$work/rounds.jsonl"
done

jq -s --arg cmd "$cmd" --argjson c "$conns" --argjson size "$size" --argjson keys "$keys" '
  def median: sort | if length % 2 == 1 then .[length/2|floor] else (.[length/2-1] + .[length/2]) / 2 end;
  {command: $cmd, connections: $c, value_bytes: $size, keys: $keys,
   note: "figures of this host at this time; throughput ratio target >= 0.80 (issue 17)",
   rounds: .,
   median: {redis_benchmark_rps: (map(.redis_benchmark.rps) | median), tailgate_rps: (map(.tailgate.rps) | median),
            redis_benchmark_p50_us: (map(.redis_benchmark.p50_us) | median), tailgate_p50_us: (map(.tailgate.p50_us) | median),
            redis_benchmark_p99_us: (map(.redis_benchmark.p99_us) | median), tailgate_p99_us: (map(.tailgate.p99_us) | median)},
   throughput_ratio: ((map(.tailgate.rps) | median) / (map(.redis_benchmark.rps) | median))}' "$work/rounds.jsonl"
