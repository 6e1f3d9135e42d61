# shellcheck shell=bash
# Helpers shared by the benchmark scripts in this folder; sourced by them, not run.
#
# Every process a script starts goes through start_proc, which remembers its pid and start time;
# the EXIT trap (set by bench_init) stops exactly those processes, first with SIGTERM and after a
# bounded wait with SIGKILL, and deletes the script's temporary folder.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# NODE_JAR may name another build of zc-node, to compare two builds.
NODE_JAR=${NODE_JAR:-"$REPO/node-agent/target/zc-node.jar"}
MASTER_JAR="$REPO/master-agent/target/zc-master.jar"
LOADGEN_JAR="$REPO/testbed/target/zc-loadgen.jar"
CLK_TCK=$(getconf CLK_TCK)
# Only loopback: the benchmarks must not reach or expose anything beyond this machine.
LOOPBACK=127.0.0.1
STOP_WAIT_SECONDS=15

TMP=""
STARTED_PID=""
declare -A STARTED=()   # pid -> start time in clock ticks since boot (field 22 of /proc/<pid>/stat)
declare -A PORTS_TAKEN=()

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

log() {
    printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

need() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || die "needs '$c' on the PATH"
    done
}

bench_init() {
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/zc-bench.XXXXXX")
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# The fields of /proc/<pid>/stat after the command name, which may itself hold spaces or ')'.
stat_fields() {
    local s
    s=$(<"/proc/$1/stat") || return 1
    echo "${s##*) }"
}

start_time() {
    local -a f
    read -r -a f <<<"$(stat_fields "$1")" || return 1
    echo "${f[19]}"
}

# True while the pid is the process we started (not a zombie, not a reused pid).
alive() {
    local pid=$1
    local -a f
    [[ -n ${STARTED[$pid]:-} ]] || return 1
    read -r -a f <<<"$(stat_fields "$pid" 2>/dev/null)" || return 1
    [[ ${#f[@]} -gt 19 && ${f[0]} != Z && ${f[19]} == "${STARTED[$pid]}" ]]
}

# start_proc LOGFILE COMMAND...: runs COMMAND in the background and sets STARTED_PID. Not for a
# command substitution: the process must be this shell's child, so that cleanup can stop it.
start_proc() {
    local logfile=$1
    shift
    "$@" >"$logfile" 2>&1 &
    local pid=$!
    local st
    st=$(start_time "$pid") || die "$1 exited at once; see $logfile"
    STARTED[$pid]=$st
    STARTED_PID=$pid
}

# stop_proc PID: SIGTERM, a bounded wait, then SIGKILL; only for a process start_proc started.
stop_proc() {
    local pid=$1 deadline
    [[ -n ${STARTED[$pid]:-} ]] || return 0
    if alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + STOP_WAIT_SECONDS))
        while alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.2
        done
        if alive "$pid"; then
            log "pid $pid ignored SIGTERM for ${STOP_WAIT_SECONDS}s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
    unset "STARTED[$pid]"
}

cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${!STARTED[@]}"; do
        alive "$pid" && kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${!STARTED[@]}"; do
        stop_proc "$pid"
    done
    remove_cpu_groups
    if [[ -n $TMP && -d $TMP ]]; then
        rm -rf "$TMP"
    fi
    exit "$rc"
}

# A TCP port on loopback that nothing uses, below the ephemeral range so no client takes it meanwhile.
free_port() {
    local p i
    for ((i = 0; i < 500; i++)); do
        p=$((10000 + RANDOM % 22000))
        [[ -z ${PORTS_TAKEN[$p]:-} ]] || continue
        if [[ -z $(ss -Htan "( sport = :$p )") ]]; then
            PORTS_TAKEN[$p]=1
            echo "$p"
            return 0
        fi
    done
    die "found no free port"
}

# wait_until SECONDS WHAT PID COMMAND...: polls COMMAND until it succeeds; fails after SECONDS or when PID dies.
wait_until() {
    local limit=$1 what=$2 pid=$3
    shift 3
    local deadline=$((SECONDS + limit))
    until "$@"; do
        alive "$pid" || die "$what: the process $pid ended (see its log in the output above)"
        ((SECONDS < deadline)) || die "$what: not reached within ${limit}s"
        sleep 0.5
    done
}

cpu_ticks() {
    local -a f
    read -r -a f <<<"$(stat_fields "$1")"
    echo $((f[11] + f[12]))
}

# CPU time to the nanosecond. /proc/<pid>/stat counts in clock ticks (10 ms), too coarse for a
# process that uses a few milliseconds a second; so each measured process gets a cgroup v2 group of
# its own (cpu_group), whose cpu.stat usage_usec counts every thread, including threads that ended
# in the meantime. Where no cgroup2 hierarchy is writable, cpu_ns falls back to the sum of the live
# threads' /proc/<pid>/task/*/schedstat (ns on the CPU), which misses the CPU of threads that ended
# between two readings; CPU_SOURCE says which was used.
declare -A CPU_GROUP=()   # pid -> cgroup directory
CPU_GROUPS_MADE=()
CPU_SOURCE="cgroup v2 cpu.stat usage_usec, one group per process"

# cpu_group PID NAME: moves the process (all its threads, and any it starts later) into a new group.
cpu_group() {
    local pid=$1 name=$2 mnt dir
    mnt=$(awk '$3 == "cgroup2" {print $2; exit}' /proc/self/mounts)
    dir="$mnt/zc-bench.$$.$name"
    if [[ -n $mnt ]] && mkdir "$dir" 2>/dev/null; then
        CPU_GROUPS_MADE+=("$dir")
        if echo "$pid" >"$dir/cgroup.procs" 2>/dev/null; then
            CPU_GROUP[$pid]=$dir
            return 0
        fi
    fi
    CPU_SOURCE="the sum of /proc/<pid>/task/*/schedstat (no writable cgroup2: threads that ended are missed)"
    log "no writable cgroup v2 for $name: CPU from the live threads' schedstat"
}

cpu_ns() {
    local pid=$1
    if [[ -n ${CPU_GROUP[$pid]:-} ]]; then
        awk '$1 == "usage_usec" {printf "%.0f\n", $2 * 1000}' "${CPU_GROUP[$pid]}/cpu.stat"
    else
        cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'
    fi
}

# Groups are removed once their processes have ended (cleanup stops them first).
remove_cpu_groups() {
    local dir i
    for dir in "${CPU_GROUPS_MADE[@]}"; do
        for ((i = 0; i < 20; i++)); do
            rmdir "$dir" 2>/dev/null && break
            sleep 0.1
        done
        [[ ! -d $dir ]] || log "could not remove $dir"
    done
    CPU_GROUPS_MADE=()
}

rss_kb() {
    awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

median() {
    sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

now() {
    echo "$EPOCHREALTIME"
}

# Sleeps until the wall-clock instant $1 (seconds with decimals), if it is still ahead.
sleep_until() {
    local left
    left=$(awk -v t="$1" -v n="$EPOCHREALTIME" 'BEGIN {d = t - n; print (d > 0 ? d : 0)}')
    sleep "$left"
}

build_jars() {
    local missing=0 jar
    for jar in "$@"; do
        [[ -f $jar ]] || missing=1
    done
    ((missing)) || return 0
    need mvn
    log "building the jars (mvn -B -q -DskipTests package)"
    (cd "$REPO" && timeout 1200 mvn -B -q -DskipTests package -pl node-agent,master-agent,testbed -am) \
        || die "the build failed; run 'mvn -B -DskipTests package' to see why"
}

# The JVM flags of a systemd unit, one per line, with java.io.tmpdir in the benchmark's temporary
# folder (testbed/unit-java-opts, which zc-testbed uses too).
unit_java_opts() {
    mkdir -p "$TMP/java-tmp"
    "$REPO/testbed/unit-java-opts" "$1" "$TMP/java-tmp" || die "cannot read the JVM flags of $1"
}

unit_env() {
    local unit=$1 name=$2
    sed -n -E "s/^Environment=\"?$name=([^ \"]*)\"?$/\1/p" "$unit"
}

write_token() {
    # 32 characters of base64 from the kernel's random source: a join token needs at least 16.
    head -c 24 /dev/urandom | base64 >"$1"
    chmod 600 "$1"
}

# write_master_config FILE MQTT_PORT HTTP_PORT TOKEN_FILE DIR: everything the master writes goes
# under DIR, and auto-join is off (no link patterns, no DHCP, no NAT), so the benchmark leaves this
# machine's network and /etc alone.
write_master_config() {
    cat >"$1" <<YAML
cluster: bench
mqtt:
  embedded:
    port: $2
    bind: $LOOPBACK
  join-token-file: $4
state:
  dir: $5/state
http:
  port: $3
  bind: $LOOPBACK
links:
  usb:
    interfaces: []
network:
  dhcp: false
  nat: false
mpi:
  machinefile: $5/machinefile
hosts:
  file: $5/hosts
ssh:
  public-key: $5/no-such-key.pub
YAML
}

api() {
    curl -fsS --max-time 10 "http://$LOOPBACK:$1$2"
}

# True when GET on the path answers; quiet, for wait_until.
answers() {
    curl -fsS --max-time 5 -o /dev/null "http://$LOOPBACK:$1$2" 2>/dev/null
}

# thread_ticks PID: one line per thread, "<ticks> <tid> <name>", from /proc/<pid>/task.
thread_ticks() {
    local task tid name
    local -a f
    for task in /proc/"$1"/task/*; do
        tid=${task##*/}
        read -r -a f <<<"$(stat_fields "$1/task/$tid" 2>/dev/null)" || continue
        ((${#f[@]} > 12)) || continue
        name=$(<"$task/comm") 2>/dev/null || continue
        echo "$((f[11] + f[12])) $tid ${name// /_}"
    done
}

# thread_delta BEFORE AFTER: the threads' CPU between two thread_ticks snapshots, most first.
thread_delta() {
    awk 'NR == FNR {before[$2] = $1; next} {d = $1 - before[$2]; if (d > 0) print d, $3}' "$1" "$2" |
        awk '{sum[$2] += $1} END {for (n in sum) print sum[n], n}' | sort -rn
}

# thread_ns PID: one line per thread, "<ns on the CPU> <tid> <name>", from /proc/<pid>/task/*/schedstat.
thread_ns() {
    local task tid name ns rest
    for task in /proc/"$1"/task/*; do
        tid=${task##*/}
        read -r ns rest <"$task/schedstat" 2>/dev/null || continue
        name=$(<"$task/comm") 2>/dev/null || continue
        echo "$ns $tid ${name// /_}"
    done
}

# thread_ns_delta BEFORE AFTER: the threads' CPU in ns between two thread_ns snapshots, threads of
# one name summed, most first. A thread born in between counts from zero; one that ended in between
# is missing here (not from the process's total), and a last line "ended N" counts such threads.
thread_ns_delta() {
    awk 'NR == FNR {before[$2] = $1; name[$2] = $3; next}
        {seen[$2] = 1; d = $1 - before[$2]; if (d > 0) sum[$3] += d}
        END {for (n in sum) print sum[n], n
             ended = 0; for (t in before) if (!(t in seen)) ended++
             if (ended) print -1, "ended " ended}' "$1" "$2" | sort -rn
}
