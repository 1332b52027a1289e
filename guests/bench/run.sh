#!/usr/bin/env bash
# Run hv's CPU benchmarks under hv (./hv boot) and under QEMU (qemu-system-riscv64 -M virt
# -bios default) in the same run, check that both compute the same checksum, and print a
# Markdown table: guest-measured time (rdtime delta around the timed kernel), MIPS
# (instructions from the loop structure / guest seconds) and the wall-clock time of the
# whole run (JVM or QEMU start, firmware, setup, kernel, power-off).
#
# Usage: run.sh [--runs N] [--dir DIR] [--hv-only | --qemu-only] [BENCH...]
#   --runs N     run each benchmark N times per platform and report medians (default 1)
#   --dir DIR    where BENCH.elf are (default: guests/bench/prebuilt; `make` builds build/)
#   BENCH...     intmix memchase muldiv fpmix (default: all)
# Environment: HV_BOOT  command that takes `boot` options (default: <repo>/hv boot; the
#                       script runs `./hv build` first so no build lands in a timing)
#              QEMU     the QEMU binary (default: qemu-system-riscv64)
# Exit status: 0 when every run powered off cleanly and all checksums agree, 1 otherwise.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=$HERE/prebuilt
RUNS=1
DO_HV=1
DO_QEMU=1
BENCHES=()
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift ;;
        --dir) DIR=$(cd "$2" && pwd); shift ;;
        --hv-only) DO_QEMU=0 ;;
        --qemu-only) DO_HV=0 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) BENCHES+=("$1") ;;
    esac
    shift
done
[ ${#BENCHES[@]} -gt 0 ] || BENCHES=(intmix memchase muldiv fpmix)
QEMU=${QEMU:-qemu-system-riscv64}
if [ -n "${HV_BOOT:-}" ]; then
    read -r -a HVB <<<"$HV_BOOT"
else
    HVB=("$ROOT/hv" boot)
    if [ $DO_HV = 1 ]; then
        "$ROOT/hv" build || { echo "run.sh: ./hv build failed" >&2; exit 1; }
    fi
fi
TMP=$(mktemp -d /tmp/hv-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
failed=0
declare -A INSNS SUM GSEC WALL INSTRET

# one PLATFORM BENCH RUN: runs it, records guest seconds, wall seconds, checksum.
one() {
    local plat=$1 b=$2 r=$3 log=$TMP/$1-$2-$3.log rc t0 t1 line
    t0=$(now)
    if [ "$plat" = hv ]; then
        HV_WORK=$TMP/work-$b-$r timeout 900 "${HVB[@]}" --kernel "$DIR/$b.elf" --timeout 600 </dev/null >"$log" 2>&1
    else
        timeout 600 "$QEMU" -M virt -m 256M -nographic -bios default -kernel "$DIR/$b.elf" </dev/null >"$log" 2>&1
    fi
    rc=$?
    t1=$(now)
    line=$(grep -a '^BENCH ' "$log" | tail -1 | tr -d '\r')
    if [ $rc -ne 0 ] || [ -z "$line" ]; then
        echo "run.sh: $b under $plat: exit $rc, no result (log follows)" >&2
        tail -5 "$log" >&2
        failed=$((failed + 1))
        return
    fi
    local insns ticks freq sum instret
    insns=$(field insns "$line"); ticks=$(field ticks "$line"); freq=$(field freq "$line")
    sum=$(field checksum "$line"); instret=$(field instret "$line")
    INSNS[$b]=$insns
    if [ -n "${SUM[$b]:-}" ] && [ "${SUM[$b]}" != "$sum" ]; then
        echo "run.sh: $b: checksum $sum under $plat differs from ${SUM[$b]}" >&2
        failed=$((failed + 1))
    fi
    SUM[$b]=${SUM[$b]:-$sum}
    grep -q "^FAIL " "$log" && { echo "run.sh: $b under $plat printed FAIL" >&2; failed=$((failed + 1)); }
    awk -v t="$ticks" -v f="$freq" 'BEGIN { printf "%.3f\n", t / f }' >>"$TMP/$plat-$b.gsec"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$TMP/$plat-$b.wall"
    [ "$plat" = hv ] && INSTRET[$b]=$instret
    printf 'run.sh: %-8s %-4s run %d: %s s guest, %s s wall, checksum %s\n' "$b" "$plat" "$r" \
        "$(tail -1 "$TMP/$plat-$b.gsec")" "$(tail -1 "$TMP/$plat-$b.wall")" "$sum" >&2
}

for b in "${BENCHES[@]}"; do
    [ -f "$DIR/$b.elf" ] || { echo "run.sh: $DIR/$b.elf missing" >&2; failed=$((failed + 1)); continue; }
    for ((r = 1; r <= RUNS; r++)); do
        [ $DO_HV = 1 ] && one hv "$b" "$r"
        [ $DO_QEMU = 1 ] && one qemu "$b" "$r"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mips() { awk -v i="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", i / s / 1e6; else print "-" }'; }
stat() { [ -s "$1" ] && median <"$1" || echo ""; }

echo
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1);" \
     "load average $load_before before, $load_after after; runs per cell: $RUNS (median)."
echo "hv: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); QEMU: $("$QEMU" --version | head -1 | sed 's/QEMU emulator version //')."
echo
echo "| benchmark | instructions | checksum (hv = QEMU) | hv guest s | hv MIPS | hv wall s | QEMU guest s | QEMU MIPS | QEMU wall s | hv / QEMU speed |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for b in "${BENCHES[@]}"; do
    [ -n "${INSNS[$b]:-}" ] || continue
    hg=$(stat "$TMP/hv-$b.gsec"); hw=$(stat "$TMP/hv-$b.wall")
    qg=$(stat "$TMP/qemu-$b.gsec"); qw=$(stat "$TMP/qemu-$b.wall")
    ratio=$( [ -n "$hg" ] && [ -n "$qg" ] && awk -v h="$hg" -v q="$qg" 'BEGIN { printf "%.2f", q / h }' || echo "-")
    same="${SUM[$b]}"
    printf '| %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s |\n' "$b" "${INSNS[$b]}" "$same" \
        "${hg:--}" "$( [ -n "$hg" ] && mips "${INSNS[$b]}" "$hg" || echo -)" "${hw:--}" \
        "${qg:--}" "$( [ -n "$qg" ] && mips "${INSNS[$b]}" "$qg" || echo -)" "${qw:--}" "$ratio"
done
for b in "${BENCHES[@]}"; do
    [ -n "${INSTRET[$b]:-}" ] && [ "${INSTRET[$b]}" != none ] &&
        echo "hv instret over the timed call of $b: ${INSTRET[$b]} (loop structure: ${INSNS[$b]})"
done
[ $failed = 0 ] || { echo "run.sh: $failed problem(s), see above" >&2; exit 1; }
