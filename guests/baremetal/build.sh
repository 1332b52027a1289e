#!/usr/bin/env bash
# Build hv's bare-metal S-mode test guests (the PROGS of the Makefile) with Debian's
# riscv64-unknown-elf toolchain. No network needed.
#
# Usage: build.sh [--test] [--prebuilt] [OUTDIR]
#   OUTDIR      where NAME.elf / NAME.bin / NAME.lst go (default guests/baremetal/build/)
#   --test      afterwards run every self-checking program under QEMU (run-qemu.sh) and
#               fail on any FAIL (run-all.sh checks all of them under hv and QEMU)
#   --prebuilt  also refresh the committed images: prebuilt/NAME.elf (debug info
#               stripped) and prebuilt/SHA256SUMS
# The last line printed is the absolute output directory.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEST=0
PREBUILT=0
OUT=""
for a in "$@"; do
    case $a in
        --test) TEST=1 ;;
        --prebuilt) PREBUILT=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "build.sh: unknown option $a" >&2; exit 2 ;;
        *) OUT=$a ;;
    esac
done
OUT=${OUT:-$HERE/build}

CROSS=${CROSS:-riscv64-unknown-elf-}
for t in gcc objcopy objdump strip; do
    if ! command -v "${CROSS}$t" >/dev/null; then
        echo "build.sh: ${CROSS}$t not found. Install the bare-metal RISC-V toolchain:" >&2
        echo "  apt-get install gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf" >&2
        exit 1
    fi
done
# binutils 2.40 needs the explicit zicsr/zifencei extensions; check the compiler takes them.
echo 'int x;' | "${CROSS}gcc" -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -x c -c -o /dev/null - 2>/dev/null || {
    echo "build.sh: ${CROSS}gcc does not accept -march=rv64imafdc_zicsr_zifencei (too old?)" >&2; exit 1; }

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
nice make -s -C "$HERE" -j2 B="$OUT" CROSS="$CROSS" all
if [ "$PREBUILT" = 1 ]; then
    make -s -C "$HERE" B="$OUT" CROSS="$CROSS" prebuilt
    echo "build.sh: refreshed $HERE/prebuilt" >&2
fi
if [ "$TEST" = 1 ]; then
    rc=0
    # fail-syscon, spin and demo are not self-checking passes; virt64-hello needs hv.
    for p in hello isa-selftest fp-selftest paging timer-irq plic-irq smp hsm-suspend poweroff-syscon; do
        smp=1; [ "$p" = smp ] && smp=4; [ "$p" = hsm-suspend ] && smp=2
        if SMP=$smp HV_BAREMETAL_BUILD=$OUT "$HERE/run-qemu.sh" "$p" > "$OUT/$p.qemu.log" 2>&1; then
            echo "build.sh: $(grep -E ': [0-9]+ passed, [0-9]+ failed' "$OUT/$p.qemu.log" | tail -1)"
        else
            echo "build.sh: $p FAILED under QEMU (log: $OUT/$p.qemu.log)" >&2
            rc=1
        fi
    done
    [ $rc = 0 ] || exit 1
fi
echo "$OUT"
