#!/usr/bin/env bash
# Side-by-side check of tailgate's floors against the peers the issue names, in one session
# on one machine, interleaved per round so that drift hits every tool alike:
#   - TCP floor p50 (TcpPingPongBenchmark, 16 B)   vs  sockperf ping-pong --tcp --full-rtt -m 16
#   - Jedis PING p50 (JedisPingBenchmark)           vs  redis-benchmark -c 1 -P 1 -t ping --precision 3
#   - raw RESP PING p50 (RawRespPingBenchmark) should sit between the TCP floor and Jedis PING.
# Placement matches tailgate's core plan on a 2-core host: servers on CPU 0, clients on CPU 1.
# Needs: sockperf, redis-server, redis-benchmark (Debian: sockperf redis-server redis-tools).
# Usage: scripts/peers.sh [ROUNDS]   (default 3; prints per-round figures, medians and ratios)
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
rounds=${1:-3}
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
rport=${REDIS_PORT:-16379}
sport=${SOCKPERF_PORT:-11111}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

taskset -c "$server_cpu" redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no --logfile "$work/redis.log" &
taskset -c "$server_cpu" sockperf sr --tcp -i 127.0.0.1 -p "$sport" >"$work/sockperf-server.log" 2>&1 &
for _ in $(seq 1 50); do timeout 2 redis-benchmark -p "$rport" -c 1 -n 1 -t ping -q >/dev/null 2>&1 && break; sleep 0.1; done

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }

: >"$work/sockperf" ; : >"$work/floor" ; : >"$work/raw" ; : >"$work/jedis" ; : >"$work/rb"
for r in $(seq 1 "$rounds"); do
  sp=$(taskset -c "$client_cpu" sockperf pp --tcp --full-rtt -i 127.0.0.1 -p "$sport" -t 10 -m 16 2>&1 \
        | awk '/percentile 50.000/ {print $NF}')
  rb=$(taskset -c "$client_cpu" redis-benchmark -p "$rport" -c 1 -P 1 -t ping -n 200000 --precision 3 --csv 2>/dev/null \
        | awk -F'","' '/PING_MBULK/ {gsub(/"/,"",$5); print $5*1000}')
  "$root/tailgate" run --suite smoke --target "redis://127.0.0.1:$rport" \
      --include 'TcpPingPong|RawRespPing|JedisPing' --forks 1 --iterations 3 --time 3s \
      --results "$work/results" >"$work/tg.out" 2>"$work/tg.err"
  fl=$(awk '$1=="TcpPingPongBenchmark.roundTrip" && $2=="payloadBytes=16" {print $4; exit}' "$work/tg.out")
  raw=$(awk '$1=="RawRespPingBenchmark.ping" {print $3; exit}' "$work/tg.out")
  jp=$(awk '$1=="JedisPingBenchmark.ping" {print $3; exit}' "$work/tg.out")
  echo "round $r: sockperf p50 ${sp} us | tailgate TCP floor p50 ${fl} us | raw RESP PING p50 ${raw} us |" \
       "Jedis PING p50 ${jp} us | redis-benchmark PING p50 ${rb} us"
  echo "$sp" >>"$work/sockperf"; echo "$fl" >>"$work/floor"; echo "$raw" >>"$work/raw"
  echo "$jp" >>"$work/jedis"; echo "$rb" >>"$work/rb"
done

sp=$(median <"$work/sockperf"); fl=$(median <"$work/floor"); raw=$(median <"$work/raw")
jp=$(median <"$work/jedis"); rb=$(median <"$work/rb")
echo
echo "medians over $rounds rounds (us): sockperf $sp, TCP floor $fl, raw RESP PING $raw, Jedis PING $jp, redis-benchmark PING $rb"
awk -v a="$fl" -v b="$sp" 'BEGIN {printf "TCP floor / sockperf p50 ratio: %.2f (target <= 1.10)\n", a/b}'
awk -v a="$jp" -v b="$rb" 'BEGIN {printf "Jedis PING / redis-benchmark PING p50 ratio: %.2f\n", a/b}'
awk -v f="$fl" -v r="$raw" -v j="$jp" 'BEGIN {printf "client-library overhead (Jedis - raw RESP): %.1f us; raw RESP - floor: %.1f us\n", j-r, r-f}'
