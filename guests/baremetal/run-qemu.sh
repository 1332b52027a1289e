#!/usr/bin/env bash
# Run one bare-metal guest under QEMU (virt + OpenSBI, the reference platform).
# Usage: run-qemu.sh NAME|PATH.elf [extra qemu args...]
#   NAME is looked up in $HV_BAREMETAL_BUILD (default: guests/baremetal/build/).
# Environment: SMP (default 1), MEM (default 128M), TIMEOUT seconds (default 30).
# Exit status: 0 when the guest printed a summary line with "0 failed" and no FAIL
# line, 1 otherwise (timeout included).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 NAME|PATH.elf [qemu args...]" >&2; exit 2; }
name=$1; shift
if [ -f "$name" ]; then elf=$name; else elf=${HV_BAREMETAL_BUILD:-$HERE/build}/$name.elf; fi
[ -f "$elf" ] || { echo "run-qemu.sh: $elf not found (run guests/baremetal/build.sh first)" >&2; exit 2; }
command -v qemu-system-riscv64 >/dev/null || { echo "run-qemu.sh: qemu-system-riscv64 missing (apt-get install qemu-system-misc opensbi)" >&2; exit 2; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
timeout "${TIMEOUT:-30}" qemu-system-riscv64 -M virt -m "${MEM:-128M}" -smp "${SMP:-1}" -nographic \
    -bios default -kernel "$elf" "$@" < /dev/null 2>&1 | tee "$out" || rc=$?
if [ $rc -ne 0 ]; then echo "run-qemu.sh: qemu exited with status $rc (124 = timeout)" >&2; exit 1; fi
if grep -q '^FAIL ' "$out" || ! grep -Eq ': [0-9]+ passed, 0 failed' "$out"; then
    echo "run-qemu.sh: $name FAILED" >&2; exit 1
fi
echo "run-qemu.sh: $name ok"
