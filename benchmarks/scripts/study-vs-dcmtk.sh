#!/usr/bin/env bash
# A study, not a file: many instances in one association, from a sender started fresh as a user starts
# it (`./dicomsec store DIR`, `storescu +sd DIR`) into a receiver that is already running and warmed by
# one earlier send. The four sender x receiver pairs (DCMTK/dicomsec x DCMTK/dicomsec) per transport,
# interleaved in ONE run, so that ratios can be compared on a shared, noisy machine
# (docs/benchmarks.md, "Studies against DCMTK").
#
# usage: benchmarks/scripts/study-vs-dcmtk.sh            (from anywhere; builds nothing but the study)
#
# environment (all optional):
#   STUDIES     which studies (default "ct small"):
#                 ct    400 x CT 512 x 512 x 16 bit (0.5 MiB each)
#                 small 2,000 x CT 128 x 128 x 16 bit (32 KiB each)
#                 large 4 x 256 MiB (multi-frame secondary capture)
#   TRANSPORTS  which transports (default "plain tls online iscl"):
#                 plain   plain TCP
#                 tls     TLS bcp195-nd, keys from `dicomsec keys init` (DCMTK +py), mutual authentication
#                 online  TLS bcp195-nd into `dicomsec scp --profile online-storage` (durable, indexed, audited);
#                         compared with DCMTK -> DCMTK over TLS; every send into it is a copy of the study
#                         with new UIDs (a new study, not new versions of stored instances)
#                 iscl    ISCL (DES-MAC), dicomsec -> dicomsec only (DCMTK has no ISCL)
#   REPS        repetitions (default 3)
#   JAVA_HOME   the JDK dicomsec runs on (default: java on the PATH), as for ./dicomsec
#   DICOMSEC    the command (default: the repository's ./dicomsec launcher, with its CDS archives)
#   STORE_OPTS  extra options for `dicomsec store` (e.g. "--async 8")
#   SCP_OPTS    extra options for `dicomsec scp`
#   SCP_WRAP    a command that runs `dicomsec scp` (e.g. "eatmydata", Debian package eatmydata: fsync a
#               no-op, so the receiver writes as storescp +B does; a like-for-like comparison, never a default)
#   WORKDIR     where studies and received files go (default /var/tmp)
#   PORT_BASE   first loopback port (default 22112)
#   KEEP_STUDY  1: keep the generated studies in $WORKDIR/dicomsec-studies for the next run
#   RESULTS     a results file of an earlier run (its raw results, printed at the end): print its tables only
#
# What is measured, per run: the sender's wall clock, its CPU seconds (user + system) and peak RSS
# (/usr/bin/time; `apt-get install -y time` when missing: RSS columns are "-" without it), the receiver's
# CPU seconds over the run (/proc/PID/stat) and peak RSS during the run (VmHWM, reset before each run
# through /proc/PID/clear_refs). After every run the receiver's folder must hold exactly the study's
# instances, else the script fails. Between runs the received files are moved aside (into $WORKDIR's
# work folder, deleted when the script ends) and emptied, and `sync` is run. They are not deleted
# between runs: on ext4 without a journal a deleted inode is not reused for 60 s, or 360 s while its
# inode table block is dirty, as it is while new files are created beside it (fs/ext4/ialloc.c,
# recently_deleted), and every new file's inode search steps over all of them, one buffer lookup
# each. Deleting 2,000 files before a run added up to 0.2 ms to each file the next run created, on
# either receiver; a running archive does not delete thousands of files minutes before a study
# arrives. For the same reason a run starts 6 minutes after the previous run's clean-up at the
# earliest (it waits, and says so; not with REPS=0, which measures nothing), and mass deletions on
# the same file system in the 6 minutes before a run skew it. Emptied files take no disk space, only
# their inodes.
# DCMTK runs with TCP_NODELAY=1 (without it, its 40 ms delayed-ACK stalls dominate small instances);
# storescp writes with +B (bit-preserving, no fsync); dicomsec scp fsyncs every file before it
# answers success (its name forced beforehand: the staged commit of docs/conformance-statement.md).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a studies <<< "${STUDIES:-ct small}"
read -r -a transports <<< "${TRANSPORTS:-plain tls online iscl}"
reps=${REPS:-3}
port_base=${PORT_BASE:-22112}
dicomsec=${DICOMSEC:-$root/dicomsec}
read -r -a store_opts <<< "${STORE_OPTS:-}"
read -r -a scp_opts <<< "${SCP_OPTS:-}"
read -r -a scp_wrap <<< "${SCP_WRAP:-}"
java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
fi
bench_jar=$root/benchmarks/target/benchmarks.jar
timer=/usr/bin/time
[ -x "$timer" ] || timer=

# the tables: medians per study, transport and pair, then the ratios (of the results file $1)
summarise() {
    local results=$1
    echo "medians of $reps runs (seconds: the sender's wall clock, process start included)"
    awk -F'\t' -v counts="$(for s in "${studies[@]}"; do printf '%s=%s ' "$s" "${count[$s]}"; done)" '
        BEGIN { n = split(counts, c, " "); for (i = 1; i <= n; i++) { split(c[i], kv, "="); cnt[kv[1]] = kv[2] } }
        NR > 1 {
            key = $1 "\t" $2 "\t" $3
            if (!(key in m)) order[++keys] = key
            i = ++m[key]; w[key, i] = $5; sc[key, i] = $6; sr[key, i] = $7; rc[key, i] = $8; rr[key, i] = $9
        }
        function median(arr, key, k,   i, j, t, a) {
            for (i = 1; i <= k; i++) a[i] = arr[key, i] + 0
            for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        END {
            printf "| study | transport | sender -> receiver | s | instances/s | sender CPU s | sender RSS MB | receiver CPU s | receiver RSS MB |\n"
            printf "|---|---|---|---|---|---|---|---|---|\n"
            for (k = 1; k <= keys; k++) {
                key = order[k]; split(key, f, "\t")
                med[key] = median(w, key, m[key])
                printf "| %s | %s | %s | %.3f | %.0f | %.2f | %s | %.2f | %s |\n", f[1], f[2], f[3], med[key],
                    cnt[f[1]] / med[key], median(sc, key, m[key]), median(sr, key, m[key]), median(rc, key, m[key]),
                    median(rr, key, m[key])
            }
            print ""
            print "ratios of wall times (>1: dicomsec faster): server = dcmtk->dcmtk / dcmtk->dicomsec,"
            print "client = dcmtk->dcmtk / dicomsec->dcmtk, both = dcmtk->dcmtk / dicomsec->dicomsec;"
            print "online and iscl are compared with dcmtk->dcmtk over TLS"
            printf "| study | transport | server | client | both |\n|---|---|---|---|---|\n"
            for (k = 1; k <= keys; k++) {
                key = order[k]; split(key, f, "\t")
                if (f[3] != "dicomsec->dicomsec") continue
                # online has its own dcmtk->dcmtk pair over TLS; iscl has none, so the pair of the tls run
                dd = f[1] "\t" f[2] "\tdcmtk->dcmtk"
                if (!(dd in med)) dd = f[1] "\ttls\tdcmtk->dcmtk"
                if (!(dd in med)) { printf "| %s | %s | - | - | - |\n", f[1], f[2]; continue }
                ds = f[1] "\t" f[2] "\tdcmtk->dicomsec"; sd = f[1] "\t" f[2] "\tdicomsec->dcmtk"
                printf "| %s | %s | %s | %s | %.2f |\n", f[1], f[2],
                    (ds in med) ? sprintf("%.2f", med[dd] / med[ds]) : "-",
                    (sd in med) ? sprintf("%.2f", med[dd] / med[sd]) : "-", med[dd] / med[key]
            }
        }' "$results"
}

if [ -n "${RESULTS:-}" ]; then # the tables of an earlier run, nothing measured
    declare -A count=([ct]=400 [small]=2000 [large]=4)
    reps=$(cut -f4 "$RESULTS" | tail -n +2 | sort -n | tail -1)
    read -r -a studies <<< "$(cut -f1 "$RESULTS" | tail -n +2 | sort -u | tr '\n' ' ')"
    summarise "$RESULTS"
    exit 0
fi

for tool in storescu storescp bc; do
    command -v "$tool" > /dev/null || { echo "study-vs-dcmtk: $tool not found (apt-get install -y dcmtk bc)" >&2; exit 2; }
done
[ -f "$bench_jar" ] || { echo "study-vs-dcmtk: $bench_jar missing (mvn -B -DskipTests package)" >&2; exit 2; }
"$dicomsec" --version > /dev/null # builds the CLI when needed, outside any timing

base=${WORKDIR:-/var/tmp}
work=$(mktemp -d "$base/dicomsec-study.XXXXXX")
studydir=$base/dicomsec-studies
results=$work/results.tsv
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
    pids=()
}
cleaned=$base/.dicomsec-study-cleaned
finish() {
    cleanup
    if [ -d "$work/spent" ] || compgen -G "$work/out-*" > /dev/null; then
        rm -rf "$work"/out-* "$work"/spent
        touch "$cleaned"
    fi
    [ "${KEEP_STUDY:-0}" = 1 ] || rm -rf "$studydir"
}
trap finish EXIT
if [ -f "$cleaned" ] && [ "$reps" -gt 0 ]; then # REPS=0 (warm-up runs only, e.g. to make AOT caches) measures nothing
    ago=$(( $(date +%s) - $(stat -c %Y "$cleaned") ))
    if [ "$ago" -lt 360 ]; then
        echo "waiting $((360 - ago)) s: the previous run deleted its received files $ago s ago (see the header)"
        sleep $((360 - ago))
    fi
fi

# ------------------------------------------------------------------ studies
declare -A count shape fresh
generate() { # dir count rows columns frames: the study in dir, unless it is there already
    if [ "$(find "$1" -name '*.dcm' 2> /dev/null | wc -l)" != "$2" ]; then
        rm -rf "$1"
        "$java" -cp "$bench_jar" org.dicomsec.bench.ul.MakeStudy "$1" "$2" "$3" "$4" "$5" > /dev/null
    fi
}
make_study() { # name count rows columns frames
    local dir=$studydir/$1
    count[$1]=$2
    shape[$1]="$2 $3 $4 $5"
    fresh[$1]=0
    generate "$dir" "$2" "$3" "$4" "$5"
    echo "study $1: $2 instances, $(du -sm "$dir" | cut -f1) MiB in $dir"
}
# The online-storage SCP keeps an index of what it stores: the same study sent to it again would
# replace stored instances (a new version each), another path than a new study's. Every send into
# it gets a study of its own: the same shape, new UIDs (made once, kept with KEEP_STUDY=1).
fresh_study() { # name -> the folder of its next fresh copy
    fresh[$1]=$((fresh[$1] + 1))
    local dir=$studydir/$1.fresh${fresh[$1]}
    # shellcheck disable=SC2086
    generate "$dir" ${shape[$1]}
    echo "$dir"
}
for s in "${studies[@]}"; do
    case "$s" in
        ct) make_study ct 400 512 512 1 ;;
        small) make_study small 2000 128 128 1 ;;
        large) make_study large 4 512 512 512 ;;
        *) echo "study-vs-dcmtk: unknown study $s (ct, small, large)" >&2; exit 2 ;;
    esac
done

# ------------------------------------------------------------------ keys
keys=$work/keys
"$dicomsec" keys init "$keys" > "$work/keys.out"
client_fp=$(awk '$1 == "client" { c = 1; next } c && $1 == "SHA-256" { print $2; exit }' "$work/keys.out")
printf 'study-password\n' > "$work/pw"
"$dicomsec" keys iscl init "$work/scp.keyring" --password-file "$work/pw" > /dev/null
"$dicomsec" keys iscl add "$work/scp.keyring" --password-file "$work/pw" --local ARCH --remote ME \
    --export-peer "$work/me.keyring" --peer-password-file "$work/pw" > /dev/null
dcmtk_scu_tls=(+tls "$keys/client.key" "$keys/client.pem" -pw +cf "$keys/ca.pem" +py)
dcmtk_scp_tls=(+tls "$keys/server.key" "$keys/server.pem" -pw +cf "$keys/ca.pem" +py)
ds_scu_tls=(--tls bcp195-nd --key "$keys/client.key" --cert "$keys/client.pem" --trust "$keys/ca.pem")
ds_scp_tls=(--tls bcp195-nd --key "$keys/server.key" --cert "$keys/server.pem" --trust "$keys/ca.pem")
# ISCL ends a line connection after 1 GiB sent under one set of session keys by default; `store`
# then sends a larger study over several associations. The sender raises its limit to the most it
# allows, so that the large study goes in one association as over TLS
ds_scu_iscl=(--iscl --keyring "$work/me.keyring" --password-file "$work/pw" --entity ME --iscl-volume-limit 4G)
ds_scp_iscl=(--iscl --keyring "$work/scp.keyring" --password-file "$work/pw" --entity ARCH)

jdk=$("$java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "DCMTK: $(storescu --version 2>&1 | sed -n '1s/^\$dcmtk: //p' | sed 's/ \$$//')"
[ -z "${SCP_WRAP:-}" ] || echo "dicomsec scp runs under: $SCP_WRAP (like for like with storescp +B)"
echo "dicomsec: $("$dicomsec" --version 2>&1 | head -1), JDK $jdk ($java)${STORE_OPTS:+, store $STORE_OPTS}"

# ------------------------------------------------------------------ receivers
wait_port() {
    local i
    for i in $(seq 1 300); do
        if ss -ltnH "sport = :$1" 2> /dev/null | grep -q .; then return 0; fi
        sleep 0.1
    done
    echo "study-vs-dcmtk: nothing listens on port $1" >&2
    exit 1
}
java_pid() { # the JVM of a launcher started in the background (the launcher may still be its parent)
    local p=$1 c
    if [ "$(cat "/proc/$p/comm" 2> /dev/null)" != java ]; then
        c=$(pgrep -P "$p" java | head -1 || true)
        [ -n "$c" ] && p=$c
    fi
    echo "$p"
}
declare -A rpid rport rdir
start_receivers() { # transport
    local t=$1 p
    mkdir -p "$work/out-dcmtk" "$work/out-dicomsec"
    rdir[dcmtk]=$work/out-dcmtk
    rdir[dicomsec]=$work/out-dicomsec
    rport[dcmtk]=$port_base
    rport[dicomsec]=$((port_base + 1))
    case "$t" in
        plain)
            TCP_NODELAY=1 storescp +B -od "$work/out-dcmtk" "$port_base" > "$work/storescp.log" 2>&1 &
            rpid[dcmtk]=$!; pids+=($!)
            "${scp_wrap[@]}" "$dicomsec" scp -q --port $((port_base + 1)) --dir "$work/out-dicomsec" "${scp_opts[@]}" > "$work/scp.log" 2>&1 &
            p=$!; pids+=($p) ;;
        tls)
            TCP_NODELAY=1 storescp "${dcmtk_scp_tls[@]}" +B -od "$work/out-dcmtk" "$port_base" > "$work/storescp.log" 2>&1 &
            rpid[dcmtk]=$!; pids+=($!)
            "${scp_wrap[@]}" "$dicomsec" scp -q "${ds_scp_tls[@]}" --port $((port_base + 1)) --dir "$work/out-dicomsec" "${scp_opts[@]}" \
                > "$work/scp.log" 2>&1 &
            p=$!; pids+=($p) ;;
        online)
            TCP_NODELAY=1 storescp "${dcmtk_scp_tls[@]}" +B -od "$work/out-dcmtk" "$port_base" > "$work/storescp.log" 2>&1 &
            rpid[dcmtk]=$!; pids+=($!)
            rdir[dicomsec]=$work/out-dicomsec/instances
            "${scp_wrap[@]}" "$dicomsec" scp -q --profile online-storage "${ds_scp_tls[@]}" ${client_fp:+--allow-peer "$client_fp"} \
                --port $((port_base + 1)) --dir "$work/out-dicomsec" "${scp_opts[@]}" > "$work/scp.log" 2>&1 &
            p=$!; pids+=($p) ;;
        iscl)
            rpid[dcmtk]=
            "${scp_wrap[@]}" "$dicomsec" scp -q "${ds_scp_iscl[@]}" --port $((port_base + 1)) --dir "$work/out-dicomsec" "${scp_opts[@]}" \
                > "$work/scp.log" 2>&1 &
            p=$!; pids+=($p) ;;
    esac
    [ -n "${rpid[dcmtk]}" ] && wait_port "$port_base"
    wait_port $((port_base + 1))
    rpid[dicomsec]=$(java_pid "$p")
}

sender() { # sender transport folder receiver -> the command (words on stdout, one a line)
    local s=$1 t=$2 dir=$3 to=$4 port=${rport[$4]}
    if [ "$s" = dcmtk ]; then
        case "$t" in
            plain) printf '%s\n' storescu +sd 127.0.0.1 "$port" "$dir" ;;
            *) printf '%s\n' storescu "${dcmtk_scu_tls[@]}" +sd 127.0.0.1 "$port" "$dir" ;;
        esac
    else
        case "$t" in
            plain) printf '%s\n' "$dicomsec" store -q "${store_opts[@]}" "127.0.0.1:$port" "$dir" ;;
            iscl) printf '%s\n' "$dicomsec" store -q "${ds_scu_iscl[@]}" "${store_opts[@]}" "127.0.0.1:$port" "$dir" ;;
            *) printf '%s\n' "$dicomsec" store -q "${ds_scu_tls[@]}" "${store_opts[@]}" "127.0.0.1:$port" "$dir" ;;
        esac
    fi
}

spent=0
set_aside() { # folder: empties the folder, keeping its inodes allocated (see the header)
    [ -d "$1" ] || return 0
    spent=$((spent + 1))
    mkdir -p "$work/spent/$spent"
    # (not the staging folder of a running dicomsec scp: its empty files are made for the next instances)
    find "$1" -mindepth 1 -maxdepth 1 ! -name .dicomsec-staged -exec mv -t "$work/spent/$spent" {} + 2> /dev/null || true
    # emptied, not deleted: their pages go back to the page cache's free memory at once (new pages in a
    # virtual machine can cost a fault in the host on first touch) and their blocks to the free space
    find "$work/spent/$spent" -type f -exec truncate -s 0 {} + 2> /dev/null || true
}

tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

printf 'study\ttransport\tpair\trep\tseconds\tsender CPU s\tsender RSS MB\treceiver CPU s\treceiver RSS MB\n' > "$results"

run() { # study transport sender receiver rep [warm]
    local study=$1 t=$2 s=$3 r=$4 rep=$5 warm=${6:-} rp=${rpid[$4]} cmd secs ucpu rss r0 r1 rcpu rrss n dir
    dir=$studydir/$study
    if [ "$t" = online ] && [ "$r" = dicomsec ]; then
        fresh_study "$study" > "$work/fresh" # (not in $(...): its counter must stay in this shell)
        dir=$(cat "$work/fresh")
    fi
    mapfile -t cmd < <(sender "$s" "$t" "$dir" "$r")
    set_aside "${rdir[$r]}"
    sync
    echo 5 > "/proc/$rp/clear_refs" 2> /dev/null || true
    r0=$(cpu_ticks "$rp")
    local envs=()
    [ "$s" = dcmtk ] && envs=(env TCP_NODELAY=1)
    if [ -n "$timer" ]; then
        if ! "$timer" -f '%e %U %S %M' -o "$work/time.out" "${envs[@]}" "${cmd[@]}" > "$work/sender.out" 2>&1; then
            echo "FAILED: $s -> $r ($t, $study): ${cmd[*]}" >&2; tail -5 "$work/sender.out" >&2; exit 1
        fi
        read -r secs ucpu rss < <(tail -1 "$work/time.out" | awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024}')
    else
        local t0 t1
        t0=$(date +%s.%N)
        "${envs[@]}" "${cmd[@]}" > "$work/sender.out" 2>&1 || { echo "FAILED: ${cmd[*]}" >&2; exit 1; }
        t1=$(date +%s.%N)
        secs=$(echo "$t1 - $t0" | bc -l); ucpu=-; rss=-
    fi
    r1=$(cpu_ticks "$rp")
    rcpu=$(echo "($r1 - $r0) / $tck" | bc -l)
    rrss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$rp/status")
    n=$(find "${rdir[$r]}" -name .dicomsec-staged -prune -o -type f ! -name '.*' ! -name '*.part' ! -name '*.tmp' -print | wc -l)
    if [ "$n" != "${count[$study]}" ]; then
        echo "FAILED: $s -> $r ($t, $study): $n of ${count[$study]} instances stored" >&2
        tail -5 "$work/sender.out" >&2
        exit 1
    fi
    [ -n "$warm" ] && return 0
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\n' "$study" "$t" "$s->$r" "$rep" "$secs" "$ucpu" "$rss" "$rcpu" "$rrss" \
        >> "$results"
    printf '  %-6s %-7s %-18s rep %s %8.3f s  sender CPU %6s s RSS %5s MB  receiver CPU %6.2f s RSS %5s MB\n' \
        "$study" "$t" "$s->$r" "$rep" "$secs" "$ucpu" "$rss" "$rcpu" "$rrss"
}

for t in "${transports[@]}"; do
    case "$t" in plain|tls|online|iscl) ;; *) echo "study-vs-dcmtk: unknown transport $t" >&2; exit 2 ;; esac
    start_receivers "$t"
    if [ "$t" = iscl ]; then pairs=("dicomsec dicomsec"); else
        pairs=("dcmtk dcmtk" "dcmtk dicomsec" "dicomsec dcmtk" "dicomsec dicomsec"); fi
    echo "transport $t:"
    for study in "${studies[@]}"; do
        # the receivers warmed (and the launcher's CDS archive written) by one earlier, untimed send
        for p in "${pairs[@]}"; do
            read -r s r <<< "$p"
            run "$study" "$t" "$s" "$r" 0 warm
        done
        for rep in $(seq 1 "$reps"); do
            # rotate the order of the pairs from one repetition to the next
            k=$(( (rep - 1) % ${#pairs[@]} ))
            for i in $(seq 0 $(( ${#pairs[@]} - 1 ))); do
                read -r s r <<< "${pairs[$(( (i + k) % ${#pairs[@]} ))]}"
                run "$study" "$t" "$s" "$r" "$rep"
            done
        done
    done
    cleanup
    # the next transport's receivers start with empty folders; this one's files stay allocated
    set_aside "$work/out-dcmtk"
    set_aside "$work/out-dicomsec"
done

echo
summarise "$results"
echo
cp "$results" "$base/dicomsec-study-results.tsv"
echo "raw results: $base/dicomsec-study-results.tsv"
