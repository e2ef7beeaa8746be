#!/usr/bin/env bash
# A distributed run (docs/distributed.md) over plain ssh: one shard per host, started at once,
# all against one Redis; the shards' run directories are copied back here and merged.
#
#   deploy/ssh/distributed.sh REDIS_URL HOST...
#
# Each HOST needs a checkout of the same commit at $TAILGATE_DIR (default: ~/tailgate) and, for
# a Redis with a password, the password in $PASSWORD_FILE on that host (default: none). Runs
# $SUITE (default: nightly). Exit code: the merge's (3: a shard missing or incomplete, the
# merged run says INVALID), else the worst of the shards' runs.
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 REDIS_URL HOST..." >&2
  exit 2
fi
url=$1
shift
hosts=("$@")
n=${#hosts[@]}
dir=${TAILGATE_DIR:-tailgate}
suite=${SUITE:-nightly}
run=${SHARD_RUN:-ssh-$(date -u +%Y%m%dT%H%M%SZ)-$$}
pw=()
if [ -n "${PASSWORD_FILE:-}" ]; then pw=(--password-file "$PASSWORD_FILE"); fi

pids=()
for i in $(seq 1 "$n"); do
  host=${hosts[$((i - 1))]}
  # shellcheck disable=SC2029 # expanded here on purpose: the remote side gets the values
  ssh "$host" "cd $dir && ./tailgate run --suite $suite --target $url ${pw[*]} --shard $i/$n --shard-run $run --run-id $run-shard-$i" \
    > "shard-$i.log" 2>&1 &
  pids+=($!)
done
worst=0
for i in $(seq 1 "$n"); do
  wait "${pids[$((i - 1))]}"
  code=$?
  if [ "$code" -gt "$worst" ]; then worst=$code; fi
  echo "shard $i/$n on ${hosts[$((i - 1))]}: exit $code (log: shard-$i.log)"
done
mkdir -p results
for i in $(seq 1 "$n"); do
  scp -rq "${hosts[$((i - 1))]}:$dir/results/$run-shard-$i" results/ || echo "shard $i: nothing to copy back"
done
./tailgate merge results/"$run"-shard-* --out "results/$run" || exit $?
exit "$worst"
