#!/usr/bin/env bash
# C-STORE of one 256 MiB instance over loopback plain TCP or TLS: DCMTK storescu/storescp and
# dicomsec store/scp, every pairing, and (JMH=1) dicomsec's JMH C-STORE inside one JVM, all in
# ONE run, interleaved, so that ratios can be compared on a shared, noisy machine (see
# docs/benchmarks.md, "Upper Layer" and "TLS").
#
# usage: benchmarks/scripts/cstore-vs-dcmtk.sh            (from the repository root)
#
# environment (all optional):
#   JAVAS        java executables to run dicomsec with, space separated (default: java)
#   DICOMSEC_JAR the CLI jar            (default: cli/target/dicomsec.jar)
#   BENCH_JAR    the benchmarks jar     (default: benchmarks/target/benchmarks.jar; makes the file)
#   PDUS         max PDU lengths        (default: "16384 65536 131072 1048576"; DCMTK takes 4096..131072,
#                                        larger ones run dicomsec -> dicomsec only)
#   REPS         repetitions            (default: 3)
#   COPIES       C-STOREs of the file per association, i.e. the file named COPIES times on the SCU's
#                command line (default: 1); more than 1 spreads dicomsec's JVM start over more data
#   WORKDIR      where the instance and the received files go (default: /var/tmp; same disk as /tmp here)
#   PORT_BASE    first of the loopback ports used (default: 21112)
#   RESULTS      file for the raw results (default: $WORKDIR/.../results.tsv, printed at the end)
#   TLS          a TLS profile: bcp195-nd, bcp195, bcp195-ex or aes (DCMTK +py, +px, +pz, +pa; DCMTK's
#                OpenSSL has no 3DES for basic). Every SCU and SCP then runs over TLS with keys made by
#                `dicomsec keys init` (mutual authentication). Default: plain TCP.
#   CDS          1 (default): dicomsec store runs with a class data sharing archive of its own classes,
#                made by one untimed run first, as the ./dicomsec launcher does; 0: without
#   JIT          1 (default): dicomsec store and scp run with the JIT option the ./dicomsec launcher
#                gives (the JCA provider's GCM, CTR, ChaCha20 and Poly1305 methods compiled at 1% of the usual thresholds, so that AES-GCM
#                reaches the CPU's AES instructions early); 0: without
#   JMH          1: after the command-line runs of each max PDU, the JMH C-STORE in one JVM
#                (org.dicomsec.bench.ul.CStoreBenchmark, sinks drain, durable and unforced, same transport,
#                warmed up: the steady-state throughput of the library) for each JDK; default 0
#   JMH_OPTS     options for those JMH runs (default: "-f 1 -wi 1 -i 3 -w 5s -r 5s")
#
# Rows "small file" send a 1-frame (0.5 MiB) instance of the same kind: their seconds and CPU are the
# fixed cost of one SCU run (process and JVM start, association, release), not a throughput.
#
# Each timed run is the SCU's wall clock (date +%s.%N around the command), JVM start included for
# dicomsec store; dicomsec store's own figure (transfer only, printed in its summary) is kept too.
# MB/s = file size / seconds / 10^6. The SCPs run for the whole PDU size; received files are
# removed and `sync` is run between runs (outside the timing), so no run inherits dirty pages.
set -euo pipefail
TIMEFORMAT='%R %U %S'

root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a javas <<< "${JAVAS:-java}"
dicomsec_jar=${DICOMSEC_JAR:-$root/cli/target/dicomsec.jar}
bench_jar=${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}
read -r -a pdus <<< "${PDUS:-16384 65536 131072 1048576}"
reps=${REPS:-3}
copies=${COPIES:-1}
port_base=${PORT_BASE:-21112}

tls=${TLS:-}
cds=${CDS:-1}
jit_opts=()
if [ "${JIT:-1}" = 1 ]; then # as ./dicomsec
    jit_opts=("-XX:CompileCommand=quiet" "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.G*::*,0.01" "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.CounterMode::*,0.01" "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.ChaCha20*::*,0.01" "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.Poly1305::*,0.01")
fi
jmh=${JMH:-0}
read -r -a jmh_opts <<< "${JMH_OPTS:--f 1 -wi 1 -i 3 -w 5s -r 5s}"
case "$tls" in
    "") dcmtk_flag= ;;
    bcp195-nd) dcmtk_flag=+py ;;
    bcp195) dcmtk_flag=+px ;;
    bcp195-ex) dcmtk_flag=+pz ;;
    aes) dcmtk_flag=+pa ;;
    *) echo "cstore-vs-dcmtk: TLS=$tls: one of bcp195-nd, bcp195, bcp195-ex, aes" >&2; exit 2 ;;
esac

for tool in storescu storescp ss; do
    command -v "$tool" > /dev/null || { echo "cstore-vs-dcmtk: $tool not found" >&2; exit 2; }
done
for jar in "$dicomsec_jar" "$bench_jar"; do
    [ -f "$jar" ] || { echo "cstore-vs-dcmtk: $jar missing (mvn -B -DskipTests package)" >&2; exit 2; }
done

work=$(mktemp -d "${WORKDIR:-/var/tmp}/dicomsec-cstore.XXXXXX")
results=${RESULTS:-$work/results.tsv}
pids=()
pid_d=()
cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2> /dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2> /dev/null || true
    done
    pids=()
}
finish() {
    cleanup
    rm -rf "$work/instance.dcm" "$work/instance-1frame.dcm" "$work"/out-*
}
trap finish EXIT

jdk_name() { # "JDK 17" from java -version
    "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/JDK \1/p'
}

wait_port() { # listening within 30 s, or fail
    local port=$1 i
    for i in $(seq 1 300); do
        if ss -ltnH "sport = :$port" | grep -q .; then
            return 0
        fi
        sleep 0.1
    done
    echo "cstore-vs-dcmtk: nothing listens on port $port" >&2
    exit 1
}

file=$work/instance.dcm
echo "making the instance: $("${javas[0]}" -cp "$bench_jar" org.dicomsec.bench.ul.MakeInstance "$file") bytes in $file"
small=$work/instance-1frame.dcm
"${javas[0]}" -cp "$bench_jar" org.dicomsec.bench.ul.MakeInstance "$small" 1 > /dev/null
small_size=$(stat -c %s "$small")
size=$(( $(stat -c %s "$file") * copies ))
files=()
for _ in $(seq 1 "$copies"); do
    files+=("$file")
done
echo "$copies C-STORE(s) of the file per association: $size bytes per run"

# TLS: the same keys for both toolkits; DCMTK's options and dicomsec's
dcmtk_scu_tls=()
dcmtk_scp_tls=()
ds_scu_tls=()
ds_scp_tls=()
if [ -n "$tls" ]; then
    "${javas[0]}" -jar "$dicomsec_jar" keys init "$work/keys" > /dev/null
    kd=$work/keys
    dcmtk_scu_tls=(+tls "$kd/client.key" "$kd/client.pem" -pw +cf "$kd/ca.pem" "$dcmtk_flag")
    dcmtk_scp_tls=(+tls "$kd/server.key" "$kd/server.pem" -pw +cf "$kd/ca.pem" "$dcmtk_flag")
    ds_scu_tls=(--tls "$tls" --key "$kd/client.key" --cert "$kd/client.pem" --trust "$kd/ca.pem")
    ds_scp_tls=(--tls "$tls" --key "$kd/server.key" --cert "$kd/server.pem" --trust "$kd/ca.pem")
    echo "transport: TLS, profile $tls (DCMTK $dcmtk_flag), keys from dicomsec keys init"
else
    echo "transport: plain TCP"
fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "DCMTK: $(storescu --version 2>&1 | sed -n '1s/^\$dcmtk: //p' | sed 's/ \$$//')"
for j in "${javas[@]}"; do
    echo "$(jdk_name "$j"): $j"
done
printf 'pdu\trep\tpair\tjdk\tseconds\tMB/s\tself-reported MB/s\tSCU CPU s\tSCP CPU s\n' > "$results"

store_cmd() { # java [CDS options] -jar dicomsec.jar store [TLS options], for java $1, archive number $2
    if [ "$cds" = 1 ] && [ -f "$work/cds$2.jsa" ]; then
        echo "$1 -XX:SharedArchiveFile=$work/cds$2.jsa -Xlog:cds=off -Xlog:cds+dynamic=off ${jit_opts[*]} -jar $dicomsec_jar store ${ds_scu_tls[*]}"
    else
        echo "$1 ${jit_opts[*]} -jar $dicomsec_jar store ${ds_scu_tls[*]}"
    fi
}

cpu_ticks() { # user + system CPU ticks of a running process (/proc/PID/stat fields 14 and 15)
    awk '{print $14 + $15}' "/proc/$1/stat"
}
tck=$(getconf CLK_TCK)

# one timed run: label, jdk label, max PDU, repetition, PID of the SCP, SCU command...
run() {
    local label=$1 jdk=$2 pdu=$3 rep=$4 scp_pid=$5
    shift 5
    local out secs mbs self scu_cpu scp0 scp1 scp_cpu
    # (not the staging folder of a running dicomsec scp: its empty files are made for the next instances)
    find "$work"/out-* -mindepth 1 -maxdepth 1 ! -name .dicomsec-staged -exec rm -rf {} + 2> /dev/null || true
    sync
    scp0=$(cpu_ticks "$scp_pid")
    if ! { time "$@" > "$work/scu.out" 2>&1; } 2> "$work/scu.time"; then
        echo "FAILED: $label (max PDU $pdu): $*" >&2
        tail -5 "$work/scu.out" >&2
        exit 1
    fi
    scp1=$(cpu_ticks "$scp_pid")
    out=$(cat "$work/scu.out")
    read -r secs scu_cpu < <(awk '{print $1, $2 + $3}' "$work/scu.time")
    scp_cpu=$(echo "($scp1 - $scp0) / $tck" | bc -l)
    mbs=$(echo "${run_size:-$size} / $secs / 1000000" | bc -l)
    self=$(echo "$out" | sed -n 's/.* \([0-9.]*\) MB\/s;.*/\1/p' | tail -1)
    printf '%s\t%s\t%s\t%s\t%.3f\t%.1f\t%s\t%.2f\t%.2f\n' "$pdu" "$rep" "$label" "$jdk" "$secs" "$mbs" "${self:--}" \
        "$scu_cpu" "$scp_cpu" >> "$results"
    printf '  %-8s rep %s  %-46s %-7s %7.3f s %7.1f MB/s  CPU s: SCU %5.2f SCP %5.2f %s\n' "$pdu" "$rep" "$label" \
        "$jdk" "$secs" "$mbs" "$scu_cpu" "$scp_cpu" "${self:+(self-reported $self MB/s)}"
}

for pdu in "${pdus[@]}"; do
    dcmtk=1
    if [ "$pdu" -lt 4096 ] || [ "$pdu" -gt 131072 ]; then
        dcmtk=0
    fi
    mkdir -p "$work/out-dcmtk" "$work/out-ignore"
    port_w=$port_base
    port_i=$((port_base + 1))
    if [ $dcmtk = 1 ]; then
        storescp "${dcmtk_scp_tls[@]}" -od "$work/out-dcmtk" +B -pdu "$pdu" "$port_w" > "$work/storescp-w.log" 2>&1 &
        pid_w=$!
        pids+=($!)
        storescp "${dcmtk_scp_tls[@]}" --ignore -pdu "$pdu" "$port_i" > "$work/storescp-i.log" 2>&1 &
        pid_i=$!
        pids+=($!)
        wait_port "$port_w"
        wait_port "$port_i"
    fi
    k=0
    for j in "${javas[@]}"; do
        mkdir -p "$work/out-dicomsec$k"
        "$j" "${jit_opts[@]}" -jar "$dicomsec_jar" scp --port $((port_base + 2 + k)) --dir "$work/out-dicomsec$k" --max-pdu "$pdu" \
            "${ds_scp_tls[@]}" -q > "$work/scp$k.log" 2>&1 &
        pid_d[k]=$!
        pids+=($!)
        wait_port $((port_base + 2 + k))
        if [ "$cds" = 1 ] && [ ! -f "$work/cds$k.jsa" ]; then
            # untimed: the archive of the classes a store loads (JEP 350; ./dicomsec now dumps a static
            # one from a first run's class list, which maps as fast: docs/benchmarks.md)
            "$j" -XX:ArchiveClassesAtExit="$work/cds$k.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$dicomsec_jar" \
                store "${ds_scu_tls[@]}" "127.0.0.1:$((port_base + 2 + k))" "$small" > /dev/null 2>&1
        fi
        k=$((k + 1))
    done
    echo "max PDU $pdu:"
    for rep in $(seq 1 "$reps"); do
        if [ $dcmtk = 1 ]; then
            run "storescu -> storescp +B (writes)" - "$pdu" "$rep" "$pid_w" \
                storescu "${dcmtk_scu_tls[@]}" -pdu "$pdu" 127.0.0.1 "$port_w" "${files[@]}"
            run "storescu -> storescp --ignore" - "$pdu" "$rep" "$pid_i" \
                storescu "${dcmtk_scu_tls[@]}" -pdu "$pdu" 127.0.0.1 "$port_i" "${files[@]}"
        fi
        if [ $dcmtk = 1 ]; then
            # fixed costs (process start, association, release): a 0.5 MiB instance instead
            run_size=$small_size run "small file: storescu -> storescp --ignore" - "$pdu" "$rep" "$pid_i" \
                storescu "${dcmtk_scu_tls[@]}" -pdu "$pdu" 127.0.0.1 "$port_i" "$small"
            k=0
            for j in "${javas[@]}"; do
                run_size=$small_size run "small file: dicomsec store -> storescp --ignore" "$(jdk_name "$j")" \
                    "$pdu" "$rep" "$pid_i" $(store_cmd "$j" $k) --max-pdu "$pdu" "127.0.0.1:$port_i" "$small"
                k=$((k + 1))
            done
        fi
        k=0
        for j in "${javas[@]}"; do
            jdk=$(jdk_name "$j")
            port_d=$((port_base + 2 + k))
            run "dicomsec store -> dicomsec scp (writes, fsync)" "$jdk" "$pdu" "$rep" "${pid_d[k]}" \
                $(store_cmd "$j" $k) --max-pdu "$pdu" "127.0.0.1:$port_d" "${files[@]}"
            if [ $dcmtk = 1 ]; then
                run "dicomsec store -> storescp +B (writes)" "$jdk" "$pdu" "$rep" "$pid_w" \
                    $(store_cmd "$j" $k) --max-pdu "$pdu" "127.0.0.1:$port_w" "${files[@]}"
                run "dicomsec store -> storescp --ignore" "$jdk" "$pdu" "$rep" "$pid_i" \
                    $(store_cmd "$j" $k) --max-pdu "$pdu" "127.0.0.1:$port_i" "${files[@]}"
                run "storescu -> dicomsec scp (writes, fsync)" "$jdk" "$pdu" "$rep" "${pid_d[k]}" \
                    storescu "${dcmtk_scu_tls[@]}" -pdu "$pdu" 127.0.0.1 "$port_d" "${files[@]}"
            fi
            k=$((k + 1))
        done
    done
    cleanup
    if [ "$jmh" = 1 ]; then
        # the library's steady state, same machine, same file size, same transport, in this run
        for j in "${javas[@]}"; do
            jdk=$(jdk_name "$j")
            "$j" -jar "$bench_jar" '^org.dicomsec.bench.ul.CStoreBenchmark.cstore$' -p maxPdu="$pdu" \
                -p sink=drain,durable,unforced -p transport="${tls:-plain}" "${jmh_opts[@]}" -rf csv -rff "$work/jmh.csv" \
                > "$work/jmh.log" 2>&1 || { echo "FAILED: JMH ($jdk, max PDU $pdu)" >&2; tail -20 "$work/jmh.log" >&2; exit 1; }
            if ! grep -q ':bytes"' "$work/jmh.csv"; then # JMH ends with status 0 when a benchmark throws
                echo "FAILED: JMH ($jdk, max PDU $pdu): no result" >&2; grep -m3 -i exception "$work/jmh.log" >&2; exit 1
            fi
            # the aux counter "bytes" (data set bytes per second, mean of the measured iterations), one row per sink
            awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /Param: sink/) c = i; next }
                     $1 ~ /:bytes"$/ { gsub(/"/, "", $c); printf "%s\t%.1f\n", $c, $5 / 1e6 }' "$work/jmh.csv" |
                while IFS=$'\t' read -r sink mbs; do
                    label="JMH C-STORE in one JVM ($sink)"
                    printf '%s\t%s\t%s\t%s\t%s\t%s\t-\t0\t0\n' "$pdu" "jmh" "$label" "$jdk" "-" "$mbs" >> "$results"
                    printf '  %-8s JMH     %-46s %-7s %17s MB/s\n' "$pdu" "$label" "$jdk" "$mbs"
                done
        done
    fi
done

echo
echo "medians of $reps runs: MB/s from the SCU's wall clock; self = dicomsec store's own transfer figure;"
echo "CPU = user + system seconds of the SCU process and of the SCP process during the run"
awk -F'\t' 'NR > 1 {
        key = $1 "\t" $3 "\t" $4
        if (!(key in n)) { order[++keys] = key }
        i = ++n[key]
        v[key, i] = $6; cu[key, i] = $8; cp[key, i] = $9
        if ($7 != "-") { s[key, ++ns[key]] = $7 }
    }
    function median(arr, key, cnt,   i, j, t, a) {
        for (i = 1; i <= cnt; i++) a[i] = arr[key, i] + 0
        for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return cnt % 2 ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2
    }
    END {
        printf "%-8s %-46s %-7s %8s %8s %8s %8s  %s\n", "max PDU", "pair", "JDK", "MB/s", "self", "SCU CPU", "SCP CPU", "MB/s of each run"
        for (k = 1; k <= keys; k++) {
            key = order[k]; split(key, f, "\t")
            runs = ""; for (i = 1; i <= n[key]; i++) runs = runs (i > 1 ? ", " : "") v[key, i]
            m = median(v, key, n[key])
            med[f[1], f[2], f[3]] = m
            mu = median(cu, key, n[key]); mp = median(cp, key, n[key])
            cpu[f[1], f[2], f[3]] = mu + mp
            printf "%-8s %-46s %-7s %8.1f %8s %8.2f %8.2f  (%s)\n", f[1], f[2], f[3], m,
                ns[key] ? sprintf("%.1f", median(s, key, ns[key])) : "-", mu, mp, runs
        }
        print ""
        print "ratios to storescu -> storescp at the same max PDU (medians): MB/s ratio (>1: faster), CPU ratio (<1: cheaper)"
        for (k = 1; k <= keys; k++) {
            key = order[k]; split(key, f, "\t")
            if (f[3] == "-") continue
            ref = f[2] ~ /^small/ ? "small file: storescu -> storescp --ignore" \
                : f[2] ~ /ignore|drain/ ? "storescu -> storescp --ignore" : "storescu -> storescp +B (writes)"
            base = med[f[1], ref, "-"]
            cr = f[2] ~ /^JMH/ ? "    -" : sprintf("%5.2f", cpu[f[1], f[2], f[3]] / cpu[f[1], ref, "-"])
            if (base > 0) printf "%-8s %-46s %-7s MB/s %5.2f  CPU %s  (vs %s)\n", f[1], f[2], f[3],
                med[f[1], f[2], f[3]] / base, cr, ref
        }
    }' "$results"
echo
echo "raw results: $results"
