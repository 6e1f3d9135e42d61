#!/usr/bin/env bash
# Node footprint (issue 3, item 7): zc-node at a 1 s health interval against a fake Pi tree, beside
# Debian's prometheus-node-exporter scraped once a second, in the same run. Reports the steady RSS
# (median of one sample a second) and CPU seconds per report / per scrape in each window (to the
# microsecond: a cgroup v2 group per process, see cpu_ns in lib.sh), against
# the targets: zc-node RSS <= 64 MiB with the JVM flags of systemd/zc-node.service, and CPU per
# report <= 1/5 of node_exporter's CPU per scrape. The CPU verdict is the median over the windows
# of each window's ratio: both processes measured over the same seconds, and a minute in which
# the shared machine was busy moves one window, not the verdict.
#
# Beside them runs a reference that is not judged: an idle JVM with zc-node's flags
# (dev.zerocluster.testbed.bench.IdleJvm: one task a second on the agent's EventLoop, as
# zc-node's report, doing nothing). Its CPU per wake, measured in the same windows, shows what a
# JVM thread waking once a second costs on this machine at that moment; zc-node's figure above it
# is what a report adds. On the development VM the first one varied fifteenfold within an hour
# (docs/performance.md, "Node footprint", session 6).
#
# Usage: testbed/bench/node-footprint.sh [--window SECONDS] [--windows N] [--warmup SECONDS] [--tree DIR] [--nmt]
#   --window  length of one measurement window (default 60)
#   --windows measurement windows, one after the other (default 5)
#   --warmup  seconds after the node is online before measuring (default 300): with C1 only, a
#             method is compiled after some hundred calls, and most of the report path runs once
#             per report, so at one report a second the agent needs minutes to reach steady state
#   --tree    fake system root (default the pi-zero-w-buster test tree; copied, never written)
#   --nmt     also run zc-node with -XX:NativeMemoryTracking=summary and print, after the window,
#             what its memory holds (NMT's committed memory by category, and the resident parts
#             of libjvm.so and the CDS archive, which NMT does not count); NMT itself adds about
#             1.5 MiB, so the RSS verdict comes from a run without it
# Environment: NODE_JAVA_OPTS overrides the unit's JVM flags (to measure other flags); NODE_JAR
#   runs another build of zc-node (to compare two builds in runs side by side).
# Needs: java, curl, jq, ss, /usr/bin/prometheus-node-exporter
#   (apt-get install -y --no-install-recommends prometheus-node-exporter).
# Everything listens on 127.0.0.1 only; every process it starts is stopped when it ends.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WINDOW=60
WINDOWS=5
WARMUP=300
TREE="$REPO/node-agent/src/test/resources/health/pi-zero-w-buster/root"
EXPORTER=/usr/bin/prometheus-node-exporter
NMT=0
while (($#)); do
    case $1 in
        --window) WINDOW=${2:?}; shift 2 ;;
        --windows) WINDOWS=${2:?}; shift 2 ;;
        --warmup) WARMUP=${2:?}; shift 2 ;;
        --tree) TREE=${2:?}; shift 2 ;;
        --nmt) NMT=1; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ $WINDOW =~ ^[0-9]+$ && $WINDOW -ge 10 ]] || die "--window must be at least 10 seconds"
[[ $WINDOWS =~ ^[0-9]+$ && $WINDOWS -ge 1 && $WINDOWS -le 60 ]] || die "--windows must be 1 to 60"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "--warmup must be a number of seconds"
[[ -d $TREE ]] || die "no fake tree at $TREE"
need java curl jq ss getconf awk
[[ -x $EXPORTER ]] || die "needs $EXPORTER: apt-get install -y --no-install-recommends prometheus-node-exporter"

bench_init
build_jars "$NODE_JAR" "$MASTER_JAR" "$LOADGEN_JAR"

NODE_UNIT="$REPO/systemd/zc-node.service"
MASTER_UNIT="$REPO/systemd/zc-master.service"
if [[ -n ${NODE_JAVA_OPTS:-} ]]; then
    read -r -a node_opts <<<"$NODE_JAVA_OPTS"
else
    mapfile -t node_opts < <(unit_java_opts "$NODE_UNIT")
fi
mapfile -t master_opts < <(unit_java_opts "$MASTER_UNIT")
node_arenas=$(unit_env "$NODE_UNIT" MALLOC_ARENA_MAX)
# The idle JVM runs with zc-node's flags, without the memory tracking --nmt adds.
idle_opts=("${node_opts[@]}")
if ((NMT)); then
    need jcmd
    node_opts+=(-XX:NativeMemoryTracking=summary)
fi
master_arenas=$(unit_env "$MASTER_UNIT" MALLOC_ARENA_MAX)

mqtt_port=$(free_port)
http_port=$(free_port)
exporter_port=$(free_port)
write_token "$TMP/token"
write_master_config "$TMP/master.yaml" "$mqtt_port" "$http_port" "$TMP/token" "$TMP/master"
# A copy, so that nothing the agent might write lands in the repository's test tree.
cp -a "$TREE" "$TMP/root"
mkdir -p "$TMP/node-state"
cat >"$TMP/node.yaml" <<YAML
cluster: bench
node:
  id: bench-node
  hostname: keep
system:
  root: $TMP/root
mqtt:
  url: tcp://$LOOPBACK:$mqtt_port
  join-token-file: $TMP/token
health:
  interval: 1s
tweaks:
  hdmi: keep
  act-led: keep
state:
  dir: $TMP/node-state
YAML

log "master on $LOOPBACK:$mqtt_port (MQTT) and :$http_port (HTTP)"
start_proc "$TMP/master.log" env MALLOC_ARENA_MAX="$master_arenas" \
    java "${master_opts[@]}" -jar "$MASTER_JAR" run --config "$TMP/master.yaml"
master=$STARTED_PID
wait_until 60 "master HTTP up" "$master" answers "$http_port" /api/stats

log "zc-node with: MALLOC_ARENA_MAX=$node_arenas ${node_opts[*]}"
start_proc "$TMP/node.log" env MALLOC_ARENA_MAX="$node_arenas" \
    java "${node_opts[@]}" -jar "$NODE_JAR" run --config "$TMP/node.yaml"
node=$STARTED_PID
cpu_group "$node" zc-node

node_seq() {
    api "$http_port" /api/nodes | jq -e -r '.[] | select(.id == "bench-node" and .state == "online") | .health.seq'
}
node_online() {
    node_seq >/dev/null 2>&1
}
wait_until 60 "bench-node online in /api/nodes" "$node" node_online

log "idle JVM with zc-node's flags (reference)"
start_proc "$TMP/idle.log" env MALLOC_ARENA_MAX="$node_arenas" \
    java "${idle_opts[@]}" -cp "$LOADGEN_JAR" dev.zerocluster.testbed.bench.IdleJvm
idle=$STARTED_PID
cpu_group "$idle" idle-jvm

log "node_exporter on $LOOPBACK:$exporter_port"
start_proc "$TMP/exporter.log" "$EXPORTER" --web.listen-address="$LOOPBACK:$exporter_port"
exporter=$STARTED_PID
cpu_group "$exporter" node_exporter
scrape() {
    answers "$exporter_port" /metrics
}
wait_until 30 "node_exporter answering" "$exporter" scrape

# Warm-up and windows share one loop: a scrape and an RSS sample each second.
log "warm-up ${WARMUP}s, then $WINDOWS window(s) of ${WINDOW}s"
t=$(now)
for ((i = 0; i < WARMUP; i++)); do
    scrape || log "a warm-up scrape failed"
    t=$(awk -v t="$t" 'BEGIN {printf "%.6f", t + 1}')
    sleep_until "$t"
done

for pid in "$master" "$node" "$exporter" "$idle"; do
    alive "$pid" || die "process $pid ended during the warm-up; logs: $TMP"
done
: >"$TMP/node.rss"
: >"$TMP/exporter.rss"
# One line per window: seconds, load at start and end, reports, scrapes, failed scrapes, zc-node ns,
# node_exporter ns, idle JVM ns.
: >"$TMP/windows"
thread_ns "$node" >"$TMP/node.threads0"
node_all0=$(cpu_ns "$node")
seq1=$(node_seq)
node1=$node_all0
exp1=$(cpu_ns "$exporter")
idle1=$(cpu_ns "$idle")
end=$(now)
t=$end
for ((w = 1; w <= WINDOWS; w++)); do
    seq0=$seq1
    node0=$node1
    exp0=$exp1
    idle0=$idle1
    start=$end
    load0=$(cut -d' ' -f1 /proc/loadavg)
    scrapes=0
    failed_scrapes=0
    for ((i = 0; i < WINDOW; i++)); do
        if scrape; then
            scrapes=$((scrapes + 1))
        else
            failed_scrapes=$((failed_scrapes + 1))
        fi
        rss_kb "$node" >>"$TMP/node.rss"
        rss_kb "$exporter" >>"$TMP/exporter.rss"
        t=$(awk -v t="$t" 'BEGIN {printf "%.6f", t + 1}')
        sleep_until "$t"
    done
    node1=$(cpu_ns "$node")
    exp1=$(cpu_ns "$exporter")
    idle1=$(cpu_ns "$idle")
    end=$(now)
    seq1=$(node_seq)
    load1=$(cut -d' ' -f1 /proc/loadavg)
    alive "$node" || die "zc-node ended during window $w; log: $TMP/node.log"
    alive "$exporter" || die "node_exporter ended during window $w"
    alive "$idle" || die "the idle JVM ended during window $w; log: $TMP/idle.log"
    reports=$((seq1 - seq0))
    ((reports > 0)) || die "no health report reached the master during window $w"
    ((scrapes > 0)) || die "no scrape of node_exporter succeeded during window $w"
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}') $load0 $load1 $reports $scrapes $failed_scrapes" \
        "$((node1 - node0)) $((exp1 - exp0)) $((idle1 - idle0))" >>"$TMP/windows"
done
thread_ns "$node" >"$TMP/node.threads1"
node_rss=$(median <"$TMP/node.rss")
exp_rss=$(median <"$TMP/exporter.rss")

sort_median() {
    sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# Per window: ms per report, ms per scrape, the ratio to the target (per report / (per scrape / 5)),
# and the idle JVM's ms per wake (it wakes once a second: as many wakes as whole seconds).
awk '{nper = $7 / 1e6 / $4; eper = $8 / 1e6 / $5; iper = $9 / 1e6 / int($1 + 0.5)
    print nper, eper, nper / (eper / 5), iper}' "$TMP/windows" >"$TMP/per"
med_report=$(cut -d' ' -f1 "$TMP/per" | sort_median)
med_scrape=$(cut -d' ' -f2 "$TMP/per" | sort_median)
med_ratio=$(cut -d' ' -f3 "$TMP/per" | sort_median)
med_idle=$(cut -d' ' -f4 "$TMP/per" | sort_median)

echo
echo "Node footprint: $WINDOWS window(s) of ${WINDOW}s after a ${WARMUP}s warm-up"
echo
echo "| window | 1-min load at start → end | reports / scrapes | zc-node CPU per report | node_exporter CPU per scrape | target (1/5) | ratio to target |"
echo "|---|---|---|---|---|---|---|"
awk '{nper = $7 / 1e6 / $4; eper = $8 / 1e6 / $5; limit = eper / 5
    printf "| %d (%.1f s) | %s → %s | %d / %d%s | %.3f ms | %.3f ms | %.3f ms | %.2f |\n", NR, $1, $2, $3, $4, $5,
        $6 ? " (" $6 " failed)" : "", nper, eper, limit, nper / limit}' "$TMP/windows"
echo
echo "Reference, not judged: an idle JVM with zc-node's flags that wakes once a second and does nothing, in the same windows"
echo
echo "| window | idle JVM CPU per wake | zc-node CPU per report | zc-node above the idle JVM |"
echo "|---|---|---|---|"
awk '{nper = $7 / 1e6 / $4; iper = $9 / 1e6 / int($1 + 0.5)
    printf "| %d | %.3f ms | %.3f ms | %.3f ms |\n", NR, iper, nper, nper - iper}' "$TMP/windows"
echo
awk -v nrss="$node_rss" -v erss="$exp_rss" -v mr="$med_report" -v ms="$med_scrape" -v ratio="$med_ratio" \
    -v idle="$med_idle" -v src="$CPU_SOURCE" 'BEGIN {
    nrss_mib = nrss / 1024; erss_mib = erss / 1024
    rss_ok = nrss_mib <= 64 ? "pass" : sprintf("FAIL (+%.1f MiB)", nrss_mib - 64)
    cpu_ok = ratio <= 1 ? sprintf("pass (%.1fx margin)", 1 / ratio) : sprintf("FAIL (%.2fx over)", ratio)
    printf "| | zc-node (1 s interval) | node_exporter (1 scrape/s) | target | verdict |\n"
    printf "|---|---|---|---|---|\n"
    printf "| RSS, median of 1/s samples | %.1f MiB | %.1f MiB | zc-node <= 64 MiB | %s |\n", nrss_mib, erss_mib, rss_ok
    printf "| CPU per report / per scrape, median of the windows | %.3f ms | %.3f ms | ratio <= 1 | |\n", mr, ms
    printf "| CPU: median of the windows'"'"' ratios to 1/5 of node_exporter | %.2f | | <= 1 | %s |\n", ratio, cpu_ok
    printf "| Reference: an idle JVM with zc-node'"'"'s flags, CPU per wake, median of the windows | %.3f ms | | | |\n", idle
    printf "\nCPU: %s; reports: the health seq the master received.\n", src
}'
echo
echo "zc-node CPU in all windows by thread (ms per window, from /proc/<pid>/task/*/schedstat; threads of one name summed):"
thread_ns_delta "$TMP/node.threads0" "$TMP/node.threads1" | awk -v total=$(((node1 - node_all0) / WINDOWS)) -v windows="$WINDOWS" '
    $1 >= 0 && n < 10 {n++; printf "  %8.1f  %s\n", $1 / 1e6 / windows, $2}
    $1 < 0 {printf "  (%s thread(s) ended during the windows: in the total, not in this list)\n", substr($2, 7)}
    $1 >= 0 {listed += $1}
    END {printf "  %8.1f  all live threads; the process, with any ended threads: %.1f\n", listed / 1e6 / windows, total / 1e6}'

if ((NMT)); then
    echo
    echo "zc-node memory after the window (-XX:NativeMemoryTracking=summary; RSS now $(($(rss_kb "$node") / 1024)) MiB):"
    # "-   Java Heap (reserved=32768KB, committed=8192KB)": the committed size of each category.
    timeout 30 jcmd "$node" VM.native_memory summary scale=KB >"$TMP/nmt.txt" || log "jcmd VM.native_memory failed"
    sed -n -E 's/^Total: reserved=[0-9]+KB, committed=([0-9]+)KB.*/\1/p' "$TMP/nmt.txt" |
        awk '{printf "  %6.1f MiB  committed in all, by NMT; of which:\n", $1 / 1024}'
    sed -n -E 's/^-[[:space:]]+([A-Za-z ]+[a-z]) \(reserved=[0-9]+KB, committed=([0-9]+)KB\).*/\2 \1/p' "$TMP/nmt.txt" |
        sort -rn | awk '$1 >= 512 {printf "  %6.1f MiB  %s\n", $1 / 1024, substr($0, index($0, " ") + 1)}'
    echo "  resident shared libraries, which NMT does not count:"
    awk '/^[0-9a-f]+-[0-9a-f]+ / {name = $6} /^Rss:/ {rss[name] += $2}
        END {for (n in rss) if (n ~ /\.so/) print rss[n], n}' "/proc/$node/smaps" |
        sort -rn | head -4 | awk '{printf "  %6.1f MiB  %s\n", $1 / 1024, $2}'
fi
