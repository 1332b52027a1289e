#!/usr/bin/env bash
# Run every bare-metal guest under hv (./hv boot) and/or QEMU and check each one's exit code
# and output against what it must do. Prints one line per run and a Markdown table.
#
# Usage: run-all.sh [--hv] [--qemu] [--dir DIR] [--keep] [NAME...]
#   --hv / --qemu   which platforms (default: both)
#   --dir DIR       where NAME.elf are (default: prebuilt/; build.sh output is build/)
#   --keep          keep the logs (their directory is printed)
#   NAME...         only these programs (default: all)
# Environment: HV_BOOT  command that runs `boot` options (default: <repo>/hv boot),
#              QEMU     the QEMU binary (default: qemu-system-riscv64)
# Exit status: 0 when every run did what it must, 1 otherwise.
#
# Expected results (exit code; output):
#   hello isa-selftest fp-selftest paging timer-irq plic-irq poweroff-syscon
#                   0; "NAME: N passed, 0 failed"
#   smp             --smp 1, 2 and 4: 0; "smp: N passed, 0 failed"
#   hsm-suspend     --smp 1 and 2: 0; "hsm-suspend: N passed, 0 failed"
#   fail-syscon     hv 1, QEMU 7 (the code it writes); "fail-syscon: 0 passed, 1 failed"
#   spin            124 after a 5 s timeout; its one line
#   demo            0 after a scripted session (help, hi, time, info, bench, timer, poweroff)
#   virt64-hello    hv only (QEMU has no Xvisor virt64 layout): --guest virt64/virt64-guest.dts
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=$HERE/prebuilt
PLATFORMS=()
KEEP=0
NAMES=()
while [ $# -gt 0 ]; do
    case $1 in
        --hv) PLATFORMS+=(hv) ;;
        --qemu) PLATFORMS+=(qemu) ;;
        --dir) DIR=$(cd "$2" && pwd); shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run-all.sh: unknown option $1" >&2; exit 2 ;;
        *) NAMES+=("$1") ;;
    esac
    shift
done
[ ${#PLATFORMS[@]} -gt 0 ] || PLATFORMS=(hv qemu)
[ ${#NAMES[@]} -gt 0 ] || NAMES=(hello isa-selftest fp-selftest paging timer-irq plic-irq smp
                                  hsm-suspend poweroff-syscon fail-syscon spin demo virt64-hello)
read -r -a HV_BOOT <<<"${HV_BOOT:-$ROOT/hv boot}"
QEMU=${QEMU:-qemu-system-riscv64}
LOGS=$(mktemp -d /tmp/hv-baremetal-runs.XXXXXX)
[ $KEEP = 1 ] || trap 'rm -rf "$LOGS"' EXIT

# The scripted demo session; the leading newline is for OpenSBI, which reads (and drops) one
# byte of console input while it sets the UART up.
DEMO_INPUT=$'\nhelp\nhi\nhi\ntime\ninfo\nbench\ntimer\nnosuchcmd\npoweroff\n'
DEMO_EXPECT=('hv demo firmware on hart 0' 'greeting #2' 'uptime: ' 'SBI specification v'
             'bench: 1000000 iterations' 'timer interrupt 3/3' "unknown command 'nosuchcmd'" 'powering off')

rows=()
failed=0

# run PLATFORM NAME LABEL EXPECTED_RC PATTERN [extra args...]: one run, judged.
run() {
    local plat=$1 name=$2 label=$3 want=$4 pattern=$5; shift 5
    local log=$LOGS/$plat-$label.log input=/dev/null rc t0 t1 secs verdict why=""
    local elf=$DIR/$name.elf
    [ "$name" = demo ] && input=$LOGS/demo.in && printf '%s' "$DEMO_INPUT" > "$input"
    t0=$(date +%s.%N)
    if [ "$plat" = hv ]; then
        if [ "$name" = virt64-hello ]; then
            local dts=$HERE/virt64/virt64-guest.dts
            [ "$DIR" = "$HERE/prebuilt" ] || dts=$DIR/virt64-guest.dts
            HV_WORK=$LOGS/work-$label timeout 300 "${HV_BOOT[@]}" --guest "$dts" "$@" < "$input" > "$log" 2>&1
        else
            HV_WORK=$LOGS/work-$label timeout 300 "${HV_BOOT[@]}" --kernel "$elf" "$@" < "$input" > "$log" 2>&1
        fi
        rc=$?
    else
        local smp=1 tmo=120 a=()
        while [ $# -gt 0 ]; do
            case $1 in
                --smp) smp=$2; shift ;;
                --timeout) tmo=$2; shift ;;
            esac
            shift
        done
        timeout "$tmo" "$QEMU" -M virt -m 256M -smp "$smp" -nographic -bios default \
            -kernel "$elf" < "$input" > "$log" 2>&1
        rc=$?
    fi
    t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    verdict=ok
    if [ "$rc" != "$want" ]; then
        verdict=FAIL why="exit $rc, expected $want"
    elif [ -n "$pattern" ] && ! grep -Eq "$pattern" "$log"; then
        verdict=FAIL why="output lacks /$pattern/"
    fi
    if [ "$name" = demo ] && [ $verdict = ok ]; then
        for e in "${DEMO_EXPECT[@]}"; do
            grep -Fq "$e" "$log" || { verdict=FAIL why="output lacks '$e'"; break; }
        done
    fi
    local summary
    summary=$(grep -Eao "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
    summary=${summary#"$name: "}
    [ $verdict = ok ] || failed=$((failed + 1))
    printf '%-5s %-4s %-22s exit %-3s (want %-3s) %6ss  %-22s %s\n' "$verdict" "$plat" "$label" "$rc" "$want" \
        "$secs" "${summary:--}" "$why"
    rows+=("| $label | $plat | $rc | $want | ${summary:--} | $secs | $verdict${why:+: $why} |")
}

for plat in "${PLATFORMS[@]}"; do
    for name in "${NAMES[@]}"; do
        [ -f "$DIR/$name.elf" ] || { echo "run-all.sh: $DIR/$name.elf missing" >&2; failed=$((failed + 1)); continue; }
        case $name in
            smp)
                for n in 1 2 4; do
                    run "$plat" smp "smp --smp $n" 0 '^smp: [1-9][0-9]* passed, 0 failed' --smp "$n" --timeout 120
                done ;;
            hsm-suspend)
                for n in 1 2; do
                    run "$plat" hsm-suspend "hsm-suspend --smp $n" 0 '^hsm-suspend: [1-9][0-9]* passed, 0 failed' --smp "$n" --timeout 120
                done ;;
            fail-syscon)
                want=1; [ "$plat" = qemu ] && want=7
                run "$plat" "$name" "$name" "$want" '^fail-syscon: 0 passed, 1 failed' --timeout 60 ;;
            spin)
                run "$plat" "$name" "$name" 124 '^spin: hart 0 waits forever' --timeout 5 ;;
            demo)
                run "$plat" "$name" "$name" 0 '' --timeout 120 ;;
            virt64-hello)
                [ "$plat" = hv ] || continue
                run "$plat" "$name" "$name" 0 '^virt64-hello: [1-9][0-9]* passed, 0 failed' --timeout 120 ;;
            *)
                run "$plat" "$name" "$name" 0 "^$name: [1-9][0-9]* passed, 0 failed" --timeout 120 ;;
        esac
    done
done

echo
echo "| program | platform | exit | expected | checks | seconds | verdict |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
[ $KEEP = 1 ] && echo "logs: $LOGS"
[ $failed = 0 ]
