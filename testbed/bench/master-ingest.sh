#!/usr/bin/env bash
# Master ingest (issue 3, item 7): zc-master with the JVM flags of systemd/zc-master.service, and
# zc-loadgen simulating N nodes (one MQTT connection each, a realistic health report every second,
# phases spread over the second). For each N: warm up until all N are online in /api/nodes, reset
# the latency histogram (POST /api/stats/reset), then measure for the window: master CPU % of one
# core (utime+stime from /proc/<pid>/stat), median RSS (VmRSS each second), publish->registry
# latency p50/p99 (/api/stats), and that /api/nodes lists N nodes online. Target: 1000 nodes with
# <= 15 % of one core and p99 <= 50 ms. The load generator runs on the same machine.
#
# Usage: testbed/bench/master-ingest.sh [--window S] [--settle S] [--threads T] [N ...]   (default N: 100 1000 5000)
#   --window   measurement window per N (default 30)
#   --settle   seconds between "all N online" and the window (default 60): the JIT compilers of
#              the master and the load generator are still busy when the last node joins; then,
#              while the p50 of the last 10 s is above 50 ms (a backlog from the joins still
#              draining), up to 180 s more, reported with the figures
#   --threads  selector threads of the load generator (default 1)
# Environment: MASTER_JAVA_OPTS overrides the unit's JVM flags (to measure other flags).
# Needs: java, curl, jq, ss. Everything listens on 127.0.0.1 only; every process it starts is
# stopped when it ends.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WINDOW=30
THREADS=1
SETTLE=60
# After the settling time, the window waits (up to DRAIN_LIMIT s) while the latency of the last
# DRAIN_PROBE s still has a p50 above DRAIN_P50_MS: a backlog built while thousands of nodes
# joined is start-up, not steady state. What it waited is reported.
DRAIN_LIMIT=180
DRAIN_PROBE=10
DRAIN_P50_MS=50
LOADGEN_OPTS=(-XX:+UseSerialGC -Xms64m -Xmx512m)
sizes=()
while (($#)); do
    case $1 in
        --window) WINDOW=${2:?}; shift 2 ;;
        --threads) THREADS=${2:?}; shift 2 ;;
        --settle) SETTLE=${2:?}; shift 2 ;;
        -h | --help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$0"; exit 0 ;;
        [0-9]*) sizes+=("$1"); shift ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
((${#sizes[@]})) || sizes=(100 1000 5000)
[[ $WINDOW =~ ^[0-9]+$ && $WINDOW -ge 10 ]] || die "--window must be at least 10 seconds"
[[ $THREADS =~ ^[0-9]+$ && $THREADS -ge 1 ]] || die "--threads must be a positive number"
[[ $SETTLE =~ ^[0-9]+$ ]] || die "--settle must be a number of seconds"
for n in "${sizes[@]}"; do
    [[ $n =~ ^[0-9]+$ && $n -ge 1 && $n -le 25000 ]] || die "N must be 1..25000, not '$n'"
done
need java curl jq ss getconf awk

# Each simulated node is a socket in the load generator and another in the master.
max_n=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
want_fds=$((max_n + 1024))
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < want_fds)); then
    die "N = $max_n needs ulimit -n >= $want_fds, but the hard limit is $hard"
fi
ulimit -n "$want_fds"

bench_init
build_jars "$MASTER_JAR" "$LOADGEN_JAR"

MASTER_UNIT="$REPO/systemd/zc-master.service"
if [[ -n ${MASTER_JAVA_OPTS:-} ]]; then
    read -r -a master_opts <<<"$MASTER_JAVA_OPTS"
else
    mapfile -t master_opts < <(unit_java_opts "$MASTER_UNIT")
fi
master_arenas=$(unit_env "$MASTER_UNIT" MALLOC_ARENA_MAX)
log "zc-master with: MALLOC_ARENA_MAX=$master_arenas ${master_opts[*]}"
log "machine: $(nproc) CPUs ($(uname -m)), load average $(cut -d' ' -f1-3 /proc/loadavg); the load generator shares them"

# With thousands of nodes /api/nodes is megabytes, and a saturated master answers slowly.
online_count() {
    curl -fsS --max-time 30 "http://$LOOPBACK:$1/api/nodes" | jq '[.[] | select(.state == "online")] | length'
}

# p50 of the publish->registry latency over the last DRAIN_PROBE seconds, in whole ms; 999999 if no answer.
recent_p50() {
    curl -fsS --max-time 10 -X POST -o /dev/null "http://$LOOPBACK:$1/api/stats/reset" 2>/dev/null || {
        echo 999999
        return
    }
    sleep "$DRAIN_PROBE"
    curl -fsS --max-time 10 "http://$LOOPBACK:$1/api/stats" 2>/dev/null |
        jq '(.ingest.latencyP50Ms // 999999) | floor' 2>/dev/null || echo 999999
}

# Prints the end of a run's logs, for a run that went wrong.
show_logs() {
    local f
    for f in "$@"; do
        [[ -f $f ]] || continue
        echo "--- last lines of $(basename "$f"):" >&2
        tail -n 15 "$f" >&2
    done
}

# The last progress line of the load generator: "... online X/N ... failures F ...".
loadgen_field() {
    grep -E '^ *[0-9]+s online' "$1" | tail -1 | sed -n -E "s/.*$2 ([0-9]+).*/\1/p"
}

results="$TMP/results"
: >"$results"

run_one() {
    local n=$1 dir="$TMP/n$n"
    mkdir -p "$dir"
    local mqtt_port http_port
    mqtt_port=$(free_port)
    http_port=$(free_port)
    write_token "$dir/token"
    write_master_config "$dir/master.yaml" "$mqtt_port" "$http_port" "$dir/token" "$dir"

    log "N = $n: master on $LOOPBACK:$mqtt_port (MQTT), :$http_port (HTTP)"
    start_proc "$dir/master.log" env MALLOC_ARENA_MAX="$master_arenas" \
        java "${master_opts[@]}" -jar "$MASTER_JAR" run --config "$dir/master.yaml"
    local master=$STARTED_PID
    wait_until 60 "master HTTP up" "$master" answers "$http_port" /api/stats

    # About 250 connections a second; the load generator runs until it is stopped below.
    local ramp=$((n / 250))
    ((ramp >= 5)) || ramp=5
    local online_limit=$((ramp + 90))
    local duration=$((online_limit + SETTLE + WINDOW + 120))
    start_proc "$dir/loadgen.log" java "${LOADGEN_OPTS[@]}" -jar "$LOADGEN_JAR" --nodes "$n" \
        --duration "${duration}s" --ramp-up "${ramp}s" --host "$LOOPBACK" --port "$mqtt_port" \
        --token-file "$dir/token" --cluster bench --threads "$THREADS"
    local loadgen=$STARTED_PID

    local warm_start=$SECONDS deadline=$((SECONDS + online_limit)) online=0 note=""
    while true; do
        if ! alive "$master" || ! alive "$loadgen"; then
            show_logs "$dir/master.log" "$dir/loadgen.log"
            die "N = $n: the master or the load generator ended during the warm-up"
        fi
        online=$(online_count "$http_port" 2>/dev/null || echo 0)
        ((online >= n)) && break
        if ((SECONDS >= deadline)); then
            note="only $online of $n online in /api/nodes after ${online_limit}s of warm-up"
            log "N = $n: $note; measuring anyway"
            break
        fi
        sleep 2
    done
    log "N = $n: $online online after $((SECONDS - warm_start))s; settling ${SETTLE}s"
    sleep "$SETTLE"
    local drain_start=$SECONDS p50
    while true; do
        p50=$(recent_p50 "$http_port")
        ((p50 > DRAIN_P50_MS)) || break
        if ((SECONDS - drain_start >= DRAIN_LIMIT)); then
            note="${note:+$note; }the latency had not settled after ${SETTLE}s + ${DRAIN_LIMIT}s (p50 of the last ${DRAIN_PROBE}s: $p50 ms)"
            log "N = $n: latency p50 still $p50 ms; measuring anyway"
            break
        fi
        log "N = $n: p50 of the last ${DRAIN_PROBE}s is $p50 ms: still draining a backlog"
    done
    if ((SECONDS - drain_start > DRAIN_PROBE)); then
        note="${note:+$note; }the window started after $((SECONDS - drain_start - DRAIN_PROBE))s more settling, when a join backlog had drained"
    fi
    log "N = $n: a ${WINDOW}s window"

    curl -fsS --max-time 10 -X POST -o /dev/null "http://$LOOPBACK:$http_port/api/stats/reset" ||
        log "N = $n: POST /api/stats/reset did not answer; the latency covers more than the window"
    thread_ticks "$master" >"$dir/master.threads0"
    local m0 l0 start t i
    m0=$(cpu_ticks "$master")
    l0=$(cpu_ticks "$loadgen")
    start=$(now)
    : >"$dir/master.rss"
    t=$start
    for ((i = 0; i < WINDOW; i++)); do
        rss_kb "$master" >>"$dir/master.rss"
        t=$(awk -v t="$t" 'BEGIN {printf "%.6f", t + 1}')
        sleep_until "$t"
    done
    local m1 l1 end
    m1=$(cpu_ticks "$master")
    l1=$(cpu_ticks "$loadgen")
    end=$(now)
    thread_ticks "$master" >"$dir/master.threads1"
    if ! alive "$master"; then
        show_logs "$dir/master.log"
        die "N = $n: the master ended during the window"
    fi
    local stats online_after failures
    # A saturated master may not answer: the row then says so instead of ending the whole run.
    stats=$(curl -fsS --max-time 30 "http://$LOOPBACK:$http_port/api/stats" 2>/dev/null) ||
        stats='{"ingest": {"reports": 0, "latencyP50Ms": -1, "latencyP99Ms": -1}, "rejected": {"none": -1}}'
    online_after=$(online_count "$http_port" 2>/dev/null) || online_after=-1
    failures=$(loadgen_field "$dir/loadgen.log" failures)

    echo "$stats" >"$dir/stats.json"
    local rss
    rss=$(median <"$dir/master.rss")
    awk -v n="$n" -v tck="$CLK_TCK" -v secs="$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')" \
        -v mt=$((m1 - m0)) -v lt=$((l1 - l0)) -v rss="$rss" -v online="$online_after" \
        -v reports="$(jq '.ingest.reports' <<<"$stats")" -v p50="$(jq '.ingest.latencyP50Ms' <<<"$stats")" \
        -v p99="$(jq '.ingest.latencyP99Ms' <<<"$stats")" -v rejected="$(jq '[.rejected[]] | add' <<<"$stats")" \
        -v failures="${failures:-?}" 'function ms(v) {return (v == "null" || v < 0) ? "n/a" : sprintf("%.2f", v)}
        BEGIN {
        printf "%d\t%s\t%.0f\t%.1f\t%.1f\t%s\t%s\t%.1f\t%s\t%s\n", n, online < 0 ? "no answer" : online,
            reports / secs, mt / tck / secs * 100, rss / 1024, ms(p50), ms(p99), lt / tck / secs * 100, failures,
            rejected < 0 ? "n/a" : rejected
    }' >>"$results"
    log "N = $n: $(tail -1 "$results" | awk -F'\t' '{printf "online %s, %s reports/s, master CPU %s %%, RSS %s MiB, p50 %s ms, p99 %s ms", $2, $3, $4, $5, $6, $7}')"
    if [[ -n $note ]]; then
        echo "$n	$note" >>"$TMP/notes"
    fi
    {
        echo "N = $n: master CPU in the window by thread (ticks of 1/$CLK_TCK s; threads of one name summed):"
        thread_delta "$dir/master.threads0" "$dir/master.threads1" | head -8 | awk '{printf "  %6d  %s\n", $1, $2}'
    } >>"$TMP/threads"

    stop_proc "$loadgen"
    stop_proc "$master"
}

for n in "${sizes[@]}"; do
    run_one "$n"
done

echo
echo "Master ingest: ${WINDOW}s window per N after ${SETTLE}s of settling; $(nproc) CPUs ($(uname -m)) shared with the load generator"
echo
echo "| N | online in /api/nodes | reports/s | master CPU (% of one core) | master RSS (median) | latency p50 | latency p99 | load generator CPU | connect failures | rejected | verdict |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r n online rate cpu rss p50 p99 lcpu failures rejected; do
    verdict="(target only at N = 1000)"
    if ((n == 1000)); then
        verdict=$(awk -v cpu="$cpu" -v p99="$p99" -v online="$online" 'BEGIN {
            v = ""
            if (cpu > 15) v = v sprintf("CPU %.1fx over 15 %%; ", cpu / 15)
            if (p99 == "n/a") v = v "no latency; "
            else if (p99 > 50) v = v sprintf("p99 %.1fx over 50 ms; ", p99 / 50)
            if (online !~ /^[0-9]+$/ || online < 1000) v = v "not all online; "
            print (v == "" ? "pass" : "FAIL: " substr(v, 1, length(v) - 2))
        }')
    fi
    [[ $p50 == n/a ]] || p50="$p50 ms"
    [[ $p99 == n/a ]] || p99="$p99 ms"
    echo "| $n | $online | $rate | $cpu % | $rss MiB | $p50 | $p99 | $lcpu % | $failures | $rejected | $verdict |"
done <"$results"
echo
echo "Target: N = 1000 with master CPU <= 15 % of one core and p99 <= 50 ms."
if [[ -f $TMP/notes ]]; then
    echo
    while IFS=$'\t' read -r n note; do
        echo "N = $n: $note"
    done <"$TMP/notes"
fi
echo
cat "$TMP/threads"
