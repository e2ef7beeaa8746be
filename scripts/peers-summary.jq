# The table of a scripts/peers.sh run: jq -r -f scripts/peers-summary.jq results/peers-<time>.json
# Medians over rounds; ratios as the ratio of the two medians, with the per-round ratios'
# min-max as their spread; a tool that failed in a round is left out of that round only.
def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
  else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def f1: if . == null then "n/a" else (. * 10 | round / 10 | tostring) end;
def f2: if . == null then "n/a" else (. * 100 | round / 100 | tostring) end;
def pad($n): tostring | if length >= $n then . else . + (" " * ($n - length)) end;
def vals($tool; $q): [.rounds[] | .results[$tool] // empty | .[$q]];
def per_round($a; $b; $q; op): [.rounds[] | select(.results[$a] != null and .results[$b] != null)
  | [.results[$a][$q], .results[$b][$q]] | op];
def spread: if length == 0 then "n/a" else "\(min | f2)-\(max | f2)" end;
def ratio($a; $b; $q):
  (vals($a; $q) | median) as $x | (vals($b; $q) | median) as $y
  | "\($a) / \($b) \($q): \(if $x == null or $y == null then "n/a" else ($x / $y | f2) end)"
    + " (per round \(per_round($a; $b; $q; .[0] / .[1]) | spread))";
def sign_note: if length > 0 and all(. > 0) then "  (positive in every round)" else "  (not positive in every round)" end;
def diff($a; $b): per_round($a; $b; "p50"; .[0] - .[1]) as $d
  | "\($a) - \($b) p50 (unpaired: two sequential windows): median \($d | median | f1) us;"
    + " per round \($d | map(f1) | join(", "))" + ($d | sign_note);
# The paired differences (ClientCostMain: one interleaved window per round); absent in older files.
def paired($key; $q): [.rounds[] | .[$key] // empty | .[$q]];
# A round whose client-cost failed has no value: it cannot count towards "positive in every round".
def paired_diff($name; $key; $q): paired($key; $q) as $d
  | ([.rounds[] | select(.order | index("client-cost"))] | length) as $n
  | "\($name) \($q) (paired: same window): median \($d | median | f1) us; per round \($d | map(f1) | join(", "))"
    + (if ($d | length) < $n then "  (not positive in every round: \($n - ($d | length)) failed)" else ($d | sign_note) end);
. as $run
| ([.rounds[].results | keys[]] | unique) as $tools
| "peers.sh run \(.started): \(.rounds | length) rounds, \(.secondsPerTool) s per tool, seed \(.seed),"
  + " server CPU \(.placement.serverCpu), client CPU \(.placement.clientCpu); all figures in us",
  "host: \(.host.cpuModel); kernel \(.host.kernel); clocksource \(.host.clocksource); \(.host.jdk); \(.host.redis)",
  "",
  "\("tool" | pad(22)) \("median p50" | pad(11)) \("median p99" | pad(11)) p50 per round (min...max)",
  ($tools[] as $t | "\($t | pad(22)) \($run | vals($t; "p50") | median | f1 | pad(11)) "
    + "\($run | vals($t; "p99") | median | f1 | pad(11)) \($run | vals($t; "p50") | sort | if length == 0 then "n/a" else "\(.[0] | f1)...\(.[-1] | f1)" end)"),
  "",
  ($tools[] | select(startswith("floor-") and . != "floor-to-sockperf-sr") as $f
    | ($run | ratio($f; "sockperf"; "p50"), ratio($f; "sockperf"; "p99"))),
  ($tools[] | select(startswith("raw-")) as $r
    | ($run | ratio($r; "redis-benchmark"; "p50"), ratio($r; "redis-benchmark"; "p99"))),
  (if ($tools | index("floor-to-sockperf-sr")) then ($run | ratio("floor-to-sockperf-sr"; "sockperf"; "p50")) else empty end),
  (if ($tools | index("sockperf-to-echo")) then ($run | ratio("sockperf-to-echo"; "sockperf"; "p50")) else empty end),
  "",
  ($tools[] | select(startswith("raw-")) as $r
    | ($run | diff("jedis"; $r), diff("lettuce"; $r))),
  (if [.rounds[].order[]] | index("client-cost") then
    ("raw-" + (.switches.clientCostIo // "stream")) as $raw
    | paired_diff("jedis - \($raw)"; "jedis_minus_raw_paired"; "p50", "p99"),
      paired_diff("lettuce - \($raw)"; "lettuce_minus_raw_paired"; "p50", "p99")
  else empty end)
