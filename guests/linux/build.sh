#!/usr/bin/env bash
# Build hv's RISC-V 64 Linux test guest from Debian packages alone:
#   - kernel Image from linux-source-6.1, tinyconfig + hv-guest.config
#   - initramfs.cpio (newc, made by the kernel's usr/gen_init_cpio, no root needed)
#     holding a static busybox built from Debian's busybox source package and /init
#     (init.sh).
#
# Outputs go to ${HV_CACHE:-$HOME/.cache/hv}/guests/linux/<key>/ where <key> hashes
# every build input (files in this directory, this script, package versions). An
# unchanged input set reuses the cached result; a changed one rebuilds (kernel and
# busybox build trees under .../guests/linux/work/ are reused, so rebuilds are
# incremental).
#
# Usage: build.sh [--check | --print-dir | --help]
#   (none)       build if needed; the LAST line printed is the output directory
#   --check      exit 0 if the cached build for the current inputs exists, else 1
#   --print-dir  print the output directory for the current inputs (built or not)
#
# Environment: HV_CACHE (cache root), HV_JOBS (make -j, default 2).
# Needs: linux-source-6.1 gcc-riscv64-linux-gnu libc6-dev-riscv64-cross flex bison bc
#        libssl-dev libelf-dev cpio dpkg-dev, and (once, to fetch busybox's source) root
#        and network access to the Debian archive the machine is already configured for.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE_BASE=${HV_CACHE:-$HOME/.cache/hv}/guests/linux
WORK=$CACHE_BASE/work
JOBS=${HV_JOBS:-2}
ARCH=riscv
CROSS=riscv64-linux-gnu-

MODE=build
case ${1:-} in
    "") ;;
    --check) MODE=check ;;
    --print-dir) MODE=print ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

die() { echo "build.sh: ERROR: $*" >&2; exit 1; }
say() { echo "build.sh: $*"; }

# ---- inputs and key -----------------------------------------------------------
INPUT_FILES=(build.sh hv-guest.config busybox.config init.sh rootfs.list profile passwd group)

pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true; }

need_pkgs() {
    local missing=() p
    for p in linux-source-6.1 gcc-riscv64-linux-gnu libc6-dev-riscv64-cross flex bison bc \
             libssl-dev libelf-dev cpio dpkg-dev xz-utils make gcc; do
        [ -n "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep ' installed$')" ] \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] || die "missing packages: ${missing[*]}
  install them with: apt-get install -y ${missing[*]}"
}

LINUX_VER=$(pkgver linux-source-6.1)
[ -n "$LINUX_VER" ] || { [ $MODE = check ] && exit 1; die "linux-source-6.1 is not installed (apt-get install -y linux-source-6.1)"; }
# The busybox SOURCE version that matches the archive's busybox binary candidate
# (binNMU suffixes like +b1 belong to the binary only; the Source: field has the
# source version when they differ).
busybox_src_version() {
    local bin src
    bin=$(apt-cache policy busybox 2>/dev/null | awk '/Candidate:/ {print $2}')
    [ -n "$bin" ] && [ "$bin" != "(none)" ] || return 1
    src=$(apt-cache show "busybox=$bin" 2>/dev/null | sed -n 's/^Source: busybox (\(.*\))$/\1/p' | head -1)
    echo "${src:-$bin}"
}
BB_VER=${HV_BUSYBOX_VERSION:-$(busybox_src_version || true)}
[ -n "$BB_VER" ] || { [ $MODE = check ] && exit 1; die "apt knows no busybox package; run apt-get update"; }

compute_key() {
    {
        local f
        for f in "${INPUT_FILES[@]}"; do
            printf '%s %s\n' "$(sha256sum < "$HERE/$f" | cut -d' ' -f1)" "$f"
        done
        echo "linux-source-6.1 $LINUX_VER"
        echo "busybox-source $BB_VER"
        echo "gcc-riscv64-linux-gnu $(pkgver gcc-riscv64-linux-gnu)"
        echo "cross-gcc $(${CROSS}gcc -dumpfullversion 2>/dev/null || echo none)"
        echo "libc6-dev-riscv64-cross $(pkgver libc6-dev-riscv64-cross)"
        echo "arch $ARCH"
    }
}
KEY=$(compute_key | sha256sum | cut -c1-16)
OUT=$CACHE_BASE/$KEY

is_current() { [ -f "$OUT/.complete" ] && [ -f "$OUT/Image" ] && [ -f "$OUT/initramfs.cpio" ]; }

case $MODE in
    print) echo "$OUT"; exit 0 ;;
    check) is_current && exit 0 || exit 1 ;;
esac

if is_current; then
    say "up to date (key $KEY)"
    echo "$OUT"
    exit 0
fi

need_pkgs
mkdir -p "$WORK"
exec 9> "$CACHE_BASE/.lock"
flock 9
# Another build may have finished while we waited for the lock.
if is_current; then say "up to date (key $KEY)"; echo "$OUT"; exit 0; fi

TMP=$OUT.partial
# Under the lock no other build runs: leftovers of interrupted builds can go.
rm -rf "$CACHE_BASE"/*.partial; mkdir -p "$TMP"
LOG=$TMP/build.log
compute_key > "$TMP/inputs.txt"
: > "$LOG"
say "building key $KEY (log: $OUT/build.log)"
trap 'rc=$?; if [ $rc -ne 0 ]; then echo "build.sh: FAILED (rc=$rc); last lines of $LOG:" >&2; tail -n 40 "$LOG" >&2; fi' EXIT

# run STEP-NAME CMD...: run with output to the log, timing it.
run() {
    local name=$1; shift
    local t0=$SECONDS
    echo "=== [$(date -u +%FT%TZ)] $name: $*" >> "$LOG"
    "$@" >> "$LOG" 2>&1 || { echo "=== $name FAILED" >> "$LOG"; die "$name failed"; }
    echo "=== $name done in $((SECONDS - t0)) s" >> "$LOG"
}

# ---- kernel ---------------------------------------------------------------------
KSRC_PARENT=$WORK/src-linux-$LINUX_VER
KSRC=$KSRC_PARENT/linux-source-6.1
KBUILD=$WORK/kbuild-$LINUX_VER
if [ ! -f "$KSRC_PARENT/.extracted" ]; then
    say "extracting /usr/src/linux-source-6.1.tar.xz"
    rm -rf "$KSRC_PARENT"; mkdir -p "$KSRC_PARENT"
    run extract-kernel tar -C "$KSRC_PARENT" -xJf /usr/src/linux-source-6.1.tar.xz
    touch "$KSRC_PARENT/.extracted"
fi
# Reproducible builds: no build time, user, host or build counter in the kernel; the
# time stamp is the source tarball's (it comes from the package, not from this machine).
KEPOCH=$(stat -c %Y /usr/src/linux-source-6.1.tar.xz)
export KBUILD_BUILD_TIMESTAMP="$(LC_ALL=C date -u -d "@$KEPOCH")"
export KBUILD_BUILD_USER=hv KBUILD_BUILD_HOST=hv-guests KBUILD_BUILD_VERSION=1
mkdir -p "$KBUILD"
# The kernel's built-in default initramfs carries KBUILD_BUILD_TIMESTAMP but is not
# remade when only that changes (trees built before this rule): drop it then.
if [ "$(cat "$KBUILD/.hv-timestamp" 2>/dev/null)" != "$KBUILD_BUILD_TIMESTAMP" ]; then
    rm -f "$KBUILD/usr/initramfs_data.cpio"
    echo "$KBUILD_BUILD_TIMESTAMP" > "$KBUILD/.hv-timestamp"
fi
kmake() { nice make -C "$KSRC" O="$KBUILD" ARCH=$ARCH CROSS_COMPILE=$CROSS "$@"; }

say "configuring kernel (tinyconfig + hv-guest.config)"
run tinyconfig kmake tinyconfig
run merge-config env ARCH=$ARCH CROSS_COMPILE=$CROSS \
    "$KSRC/scripts/kconfig/merge_config.sh" -m -O "$KBUILD" "$KBUILD/.config" "$HERE/hv-guest.config"
run olddefconfig kmake olddefconfig

# Every option of the fragment must have survived olddefconfig (a dependency the
# fragment forgot makes Kconfig drop an option silently).
verify_config() { # verify_config FRAGMENT DOTCONFIG WHAT
    local bad=0 line sym val
    while IFS= read -r line; do
        case $line in
            CONFIG_*=*)
                sym=${line%%=*}; val=${line#*=}
                if ! grep -qx "$sym=$val" "$2"; then
                    echo "build.sh: $3 option $sym wanted '$val', got: $(grep -E "^$sym=|^# $sym is not set" "$2" || echo 'absent')" >&2
                    bad=1
                fi ;;
            "# CONFIG_"*" is not set")
                sym=${line#\# }; sym=${sym%% *}
                if grep -q "^$sym=" "$2"; then
                    echo "build.sh: $3 option $sym wanted unset, got: $(grep "^$sym=" "$2")" >&2
                    bad=1
                fi ;;
        esac
    done < "$1"
    [ $bad -eq 0 ] || die "$3 config does not match $(basename "$1") (see above)"
}
verify_config "$HERE/hv-guest.config" "$KBUILD/.config" kernel
say "kernel config verified; building Image (make -j$JOBS, several minutes on a cold tree)"
run kernel-image kmake -j"$JOBS" Image
cp "$KBUILD/arch/riscv/boot/Image" "$TMP/Image"
cp "$KBUILD/.config" "$TMP/kernel.config"

# gen_init_cpio: the kernel's host tool (built with usr/ when BLK_DEV_INITRD=y);
# compile it directly if this tree did not build it.
GEN_CPIO=$KBUILD/usr/gen_init_cpio
if [ ! -x "$GEN_CPIO" ]; then
    GEN_CPIO=$WORK/gen_init_cpio
    run gen_init_cpio gcc -O2 -o "$GEN_CPIO" "$KSRC/usr/gen_init_cpio.c"
fi

# ---- busybox source ---------------------------------------------------------------
# Debian ships no riscv64 busybox binary for bookworm, but its source package builds.
# apt needs a deb-src entry; derive one from the deb entry already configured for this
# release (same mirror, same keyring), so nothing about the archive's location is
# written into the repository.
ensure_deb_src() {
    if apt-cache showsrc busybox 2>/dev/null | grep -q '^Package: busybox'; then return 0; fi
    [ "$(id -u)" = 0 ] || die "busybox source not available: need a deb-src entry for the
  Debian release (run this script once as root, or add one yourself and apt-get update)"
    local codename file
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || die "cannot tell the Debian codename from /etc/os-release"
    # deb822 files first (*.sources), then one-line lists.
    local f stanza
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        stanza=$(awk -v code="$codename" '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " code " ") && uris != "") {
                    print "Types: deb-src"; print "URIs: " uris; print "Suites: " code
                    print "Components: main"; if (signed != "") print "Signed-By: " signed
                    found = 1; exit
                }
                types = uris = suites = signed = ""
            }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            { k = $1; sub(/:$/, "", k); v = $0; sub(/^[^:]*:[ \t]*/, "", v)
              if (k == "Types") types = v; else if (k == "URIs") uris = v
              else if (k == "Suites") suites = v; else if (k == "Signed-By") signed = v }
            END { if (!found) flush() }' "$f")
        if [ -n "$stanza" ]; then
            file=/etc/apt/sources.list.d/hv-guests-deb-src.sources
            { echo "# Added by hv guests/linux/build.sh (copied from $f) to fetch busybox's source."
              echo "$stanza"; } > "$file"
            break
        fi
    done
    if [ -z "${file:-}" ]; then
        local line
        line=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk -v code="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == code) { $1 = "deb-src"; $(i+1) = "main"; NF = i + 1; print; exit } }')
        [ -n "$line" ] || die "found no configured 'deb' entry for $codename to derive a deb-src entry from"
        file=/etc/apt/sources.list.d/hv-guests-deb-src.list
        { echo "# Added by hv guests/linux/build.sh to fetch busybox's source."; echo "$line"; } > "$file"
    fi
    say "added $file; running apt-get update"
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do
        apt-get update >> "$LOG" 2>&1 && break
        say "apt-get update failed (lock held by someone else?), retrying in 30 s"; sleep 30
    done
    apt-cache showsrc busybox 2>/dev/null | grep -q '^Package: busybox' || die "busybox source still unknown after apt-get update"
}

BB_DIRVER=${BB_VER//:/_}   # make cannot cope with ':' (epoch) in paths
BB_PARENT=$WORK/src-busybox-$BB_DIRVER
BB_SRC=$BB_PARENT/busybox
BB_BUILD=$WORK/bbbuild-$BB_DIRVER
if [ ! -f "$BB_PARENT/.extracted" ]; then
    ensure_deb_src
    say "fetching busybox $BB_VER source"
    rm -rf "$BB_PARENT"; mkdir -p "$BB_PARENT/dl"
    ( cd "$BB_PARENT/dl" && run apt-get-source apt-get source --download-only "busybox=$BB_VER" )
    dsc=$(ls "$BB_PARENT"/dl/busybox_*.dsc | head -1)
    run dpkg-source dpkg-source -x "$dsc" "$BB_SRC"
    touch "$BB_PARENT/.extracted"
fi

# ---- busybox build ------------------------------------------------------------------
mkdir -p "$BB_BUILD"
# busybox's kconfig takes its build time stamp from SOURCE_DATE_EPOCH: use the Debian
# changelog's date so the binary does not depend on when it was built.
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$BB_SRC/debian/changelog" -S Timestamp)
bbmake() { nice make -C "$BB_SRC" O="$BB_BUILD" ARCH=riscv CROSS_COMPILE=$CROSS "$@"; }
say "building static busybox $BB_VER for riscv64"
# Generate the config in a scratch object tree and only replace the real tree's .config
# when it changed, so an unchanged config keeps the build incremental.
BB_CONF=$WORK/bbconf-$BB_DIRVER
mkdir -p "$BB_CONF"
run busybox-defconfig nice make -C "$BB_SRC" O="$BB_CONF" ARCH=riscv CROSS_COMPILE=$CROSS defconfig
while IFS= read -r line; do
    case $line in
        CONFIG_*=*) sym=${line%%=*} ;;
        "# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *} ;;
        *) continue ;;
    esac
    sed -i -e "/^$sym=/d" -e "/^# $sym is not set/d" "$BB_CONF/.config"
    echo "$line" >> "$BB_CONF/.config"
done < "$HERE/busybox.config"
run busybox-oldconfig sh -c "yes '' | make -C '$BB_SRC' O='$BB_CONF' ARCH=riscv CROSS_COMPILE=$CROSS oldconfig"
verify_config "$HERE/busybox.config" "$BB_CONF/.config" busybox
if ! cmp -s "$BB_CONF/.config" "$BB_BUILD/.config"; then cp "$BB_CONF/.config" "$BB_BUILD/.config"; fi
# The time stamp is compiled into libbb/messages.o without a make dependency: a tree
# built with another one (only possible for trees made before this rule) starts clean.
if [ "$(cat "$BB_BUILD/.hv-epoch" 2>/dev/null)" != "$SOURCE_DATE_EPOCH" ]; then
    [ ! -f "$BB_BUILD/busybox" ] || run busybox-clean bbmake clean
    touch "$BB_BUILD/.config"; echo "$SOURCE_DATE_EPOCH" > "$BB_BUILD/.hv-epoch"
fi
run busybox-build bbmake -j"$JOBS" busybox
# busybox.links needs include/autoconf.h, which only exists once busybox is configured
# and built: make it afterwards, not in the same parallel make.
run busybox-links bbmake busybox.links
file "$BB_BUILD/busybox" >> "$LOG"
file "$BB_BUILD/busybox" | grep -q 'RISC-V.*statically linked' || die "busybox is not a static RISC-V binary: $(file "$BB_BUILD/busybox")"
cp "$BB_BUILD/busybox" "$TMP/busybox"
cp "$BB_BUILD/.config" "$TMP/busybox.config"

# ---- initramfs ------------------------------------------------------------------------
say "making initramfs.cpio"
# gen_init_cpio stores each file's own mtime: pack copies with a fixed one (and -t 0
# for everything else) so the archive only depends on the inputs.
FILES=$TMP/rootfs-files
mkdir -p "$FILES"
cp "$TMP/busybox" "$FILES/busybox"
cp "$HERE/init.sh" "$HERE/profile" "$HERE/passwd" "$HERE/group" "$FILES/"
touch -d @0 "$FILES"/*
{
    sed -e "s|@BUSYBOX@|$FILES/busybox|" -e "s|@INIT@|$FILES/init.sh|" -e "s|@DIR@|$FILES|" "$HERE/rootfs.list"
    # One symlink per applet (busybox.links holds /bin/ls, /usr/sbin/chroot, ...).
    sort -u "$BB_BUILD/busybox.links" | while IFS= read -r p; do
        [ -n "$p" ] || continue
        case $p in /bin/busybox|/init) continue ;; esac
        echo "slink $p /bin/busybox 0777 0 0"
    done
} > "$TMP/initramfs.list"
run gen_init_cpio_run sh -c "'$GEN_CPIO' -t 0 '$TMP/initramfs.list' > '$TMP/initramfs.cpio'"
gzip -9n < "$TMP/initramfs.cpio" > "$TMP/initramfs.cpio.gz"
rm -rf "$FILES"

( cd "$TMP" && sha256sum Image initramfs.cpio initramfs.cpio.gz busybox > SHA256SUMS )
{
    echo "key $KEY"
    echo "built $(date -u +%FT%TZ) on $(uname -n)"
    cat "$TMP/inputs.txt"
} > "$TMP/manifest.txt"
touch "$TMP/.complete"
rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT
say "done: Image $(stat -c %s "$OUT/Image") bytes, initramfs.cpio $(stat -c %s "$OUT/initramfs.cpio") bytes"
echo "$OUT"
