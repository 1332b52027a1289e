#!/usr/bin/env bash
# Boot the cached Linux test guest (guests/linux/build.sh) under QEMU virt + OpenSBI in
# test mode (hv.test=1) and report how long it took, for side-by-side comparison with hv.
#
# Usage: qemu-boot.sh [-H] [-s SMP] [-r RUNS] [-m MEM] [-t TIMEOUT] [-v] [-i]
#   -H          boot under hv (./hv boot) instead of QEMU, timed the same way
#   -s SMP      harts (default 1)
#   -r RUNS     boot RUNS times, print each run and min/median/max (default 1)
#   -m MEM      guest RAM (default 256M)
#   -t TIMEOUT  seconds per boot before giving up (default 120)
#   -v          show the console output
#   -i          interactive: boot without hv.test=1 and attach the console (no timing)
# Output, one line per run:
#   qemu smp=2 run=1 init=0.512s poweroff=0.657s guest-init=0.401s online=0-1
# "init" is the wall time from starting QEMU to the line "hv-guest: init running",
# "poweroff" the wall time until QEMU exited after the guest powered off, "guest-init"
# the guest kernel's own clock (printk time stamp) when it ran /init. Exit status 0 when every run
# reached init, saw all harts online, printed "hv-guest: test PASS" and powered off.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SMP=1 RUNS=1 MEM=256M TIMEOUT=120 VERBOSE=0 INTERACTIVE=0 ENGINE=qemu
while getopts "Hs:r:m:t:vih" o; do
    case $o in
        H) ENGINE=hv ;;
        s) SMP=$OPTARG ;; r) RUNS=$OPTARG ;; m) MEM=$OPTARG ;; t) TIMEOUT=$OPTARG ;;
        v) VERBOSE=1 ;; i) INTERACTIVE=1 ;;
        h) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) exit 2 ;;
    esac
done
command -v qemu-system-riscv64 >/dev/null || { echo "qemu-boot.sh: qemu-system-riscv64 missing (apt-get install qemu-system-misc opensbi)" >&2; exit 2; }
"$HERE/build.sh" --check || { echo "qemu-boot.sh: no current guest build; run guests/linux/build.sh first" >&2; exit 2; }
DIR=$("$HERE/build.sh" --print-dir)
QEMU=(qemu-system-riscv64 -M virt -m "$MEM" -smp "$SMP" -nographic -bios default
      -kernel "$DIR/Image" -initrd "$DIR/initramfs.cpio")

HV=(env HV_WORK="${HV_WORK:-$(mktemp -d)}" "$HERE/../../hv" boot --kernel "$DIR/Image" --initrd "$DIR/initramfs.cpio"
    --mem "$MEM" --smp "$SMP" --timeout "$TIMEOUT")
if [ "$INTERACTIVE" = 1 ]; then
    [ "$ENGINE" = hv ] && exec "${HV[@]}" --append "console=ttyS0"
    exec "${QEMU[@]}" -append "console=ttyS0"
fi
if [ "$ENGINE" = hv ]; then
    "$HERE/../../hv" build >&2   # so that no build is timed
    RUN=("${HV[@]}" --append "console=ttyS0 hv.test=1")
else
    RUN=("${QEMU[@]}" -append "console=ttyS0 hv.test=1")
fi

want_online=$([ "$SMP" -gt 1 ] && echo "0-$((SMP - 1))" || echo 0)
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
inits=() offs=() failed=0
for run in $(seq 1 "$RUNS"); do
    : > "$log"
    t_init=""
    t0=$EPOCHREALTIME
    # Timestamp each console line as it arrives.
    while IFS= read -r line; do
        line=${line%$'\r'}
        [ -n "$t_init" ] || case $line in *"hv-guest: init running"*) t_init=$EPOCHREALTIME ;; esac
        printf '%s\n' "$line" >> "$log"
        [ "$VERBOSE" = 1 ] && printf '%s\n' "$line"
    done < <(timeout "$TIMEOUT" "${RUN[@]}" < /dev/null 2>&1; echo "qemu-boot.sh: $ENGINE exit status $?")
    t1=$EPOCHREALTIME
    # the guest's own clock at the moment it starts /init (printk time stamp)
    kinit=$(sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' "$log" | head -1)
    online=$(sed -n 's/.*hv-guest: nproc=[0-9]* online=\([^ ]*\).*/\1/p' "$log" | head -1)
    why=""
    [ -n "$t_init" ] || why="$why no-init-line"
    grep -q 'hv-guest: test PASS' "$log" || why="$why no-test-PASS"
    grep -q "$ENGINE exit status 0" "$log" || why="$why $ENGINE-status:$(sed -n "s/.*$ENGINE exit status //p" "$log")"
    [ "$online" = "$want_online" ] || why="$why online=${online:-?}-wanted-$want_online"
    init_s=$([ -n "$t_init" ] && sub "$t0" "$t_init" || echo "-")
    off_s=$(sub "$t0" "$t1")
    if [ -z "$why" ]; then
        echo "$ENGINE smp=$SMP run=$run init=${init_s}s poweroff=${off_s}s guest-init=${kinit:-?}s online=$online"
        inits+=("$init_s") offs+=("$off_s")
    else
        echo "$ENGINE smp=$SMP run=$run FAILED:$why (init=${init_s}s end=${off_s}s)"
        [ "$VERBOSE" = 1 ] || tail -n 25 "$log"
        failed=1
    fi
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "min=%ss median=%ss max=%ss", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
if [ "$RUNS" -gt 1 ] && [ ${#inits[@]} -gt 0 ]; then
    echo "$ENGINE smp=$SMP runs=${#inits[@]} init: $(stats "${inits[@]}")  poweroff: $(stats "${offs[@]}")"
fi
exit $failed
