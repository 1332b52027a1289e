#!/usr/bin/env bash
# Check that the committed prebuilt images are current: rebuild guests/baremetal and
# guests/bench into a temporary directory with `make prebuilt` and compare.
#
# Usage: check-prebuilt.sh [--update]
#   --update   refresh the committed images instead (same as `make prebuilt` in both)
#
# What is compared: each prebuilt/NAME.elf (the ELF with its debug sections stripped,
# symbols kept) byte for byte with a fresh build, and prebuilt/SHA256SUMS against both the
# committed files (sha256sum -c) and the fresh list. The builds are reproducible: the
# same sources and toolchain give byte-identical ELFs whatever the checkout location or
# output directory (see the Makefile), so any difference means a source changed without
# `make prebuilt` - or another toolchain version (printed below; the images were made
# with Debian 12's gcc-riscv64-unknown-elf 12.2 and binutils 2.40).
# Exit status: 0 current, 1 stale (the differing files are listed), 2 cannot build.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIRS=("$HERE" "$(cd "$HERE/../bench" && pwd)")
CROSS=${CROSS:-riscv64-unknown-elf-}
command -v "${CROSS}gcc" >/dev/null || { echo "check-prebuilt.sh: ${CROSS}gcc not found" >&2; exit 2; }
echo "toolchain: $("${CROSS}gcc" --version | head -1); $("${CROSS}ld" --version | head -1)"

if [ "${1:-}" = --update ]; then
    for d in "${DIRS[@]}"; do
        make -s -C "$d" -j2 prebuilt CROSS="$CROSS" || exit 2
        echo "updated $d/prebuilt"
    done
    exit 0
fi

TMP=$(mktemp -d /tmp/hv-prebuilt-check.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
stale=0
for d in "${DIRS[@]}"; do
    name=$(basename "$d")
    out=$TMP/$name
    make -s -C "$d" -j2 B="$out/build" P="$out/prebuilt" CROSS="$CROSS" prebuilt >/dev/null || {
        echo "check-prebuilt.sh: building $d failed" >&2; exit 2; }
    (cd "$d/prebuilt" && sha256sum --quiet -c SHA256SUMS) || {
        echo "STALE $name/prebuilt/SHA256SUMS does not match the committed files"; stale=1; }
    cmp -s "$out/prebuilt/SHA256SUMS" "$d/prebuilt/SHA256SUMS" || {
        echo "STALE $name/prebuilt/SHA256SUMS differs from a fresh build's"; stale=1; }
    for f in "$out"/prebuilt/*.elf; do
        b=$(basename "$f")
        if [ ! -f "$d/prebuilt/$b" ]; then
            echo "MISSING $name/prebuilt/$b"; stale=1
        elif ! cmp -s "$f" "$d/prebuilt/$b"; then
            echo "STALE $name/prebuilt/$b"; stale=1
        else
            echo "ok $name/prebuilt/$b"
        fi
    done
    for f in "$d"/prebuilt/*.elf; do
        [ -f "$out/prebuilt/$(basename "$f")" ] || { echo "EXTRA $name/prebuilt/$(basename "$f") (no source builds it)"; stale=1; }
    done
done
if [ $stale = 0 ]; then
    echo "check-prebuilt.sh: all prebuilt images are current"
else
    echo "check-prebuilt.sh: prebuilt images are stale; run guests/baremetal/check-prebuilt.sh --update (or make prebuilt in each directory) and commit" >&2
    exit 1
fi
