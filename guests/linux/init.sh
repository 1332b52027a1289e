#!/bin/sh
# /init of hv's Linux test guest (busybox userland).
#
# Normal mode: mount the pseudo file systems, print the marker line and give the
# console a busybox shell (powering off when it exits).
# Test mode (kernel command line contains hv.test=1): print a few facts in a fixed
# format, run a command, then power off. Lines start with "hv-guest:" so a host side
# test (QEMU or hv) can wait for them:
#   hv-guest: init running
#   hv-guest: nproc=N online=0-3 possible=0-3
#   hv-guest: test PASS | hv-guest: test FAIL <why>
#   hv-guest: powering off
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
# With an initramfs the kernel does not auto-mount devtmpfs (DEVTMPFS_MOUNT only
# acts on a real root), so mount it here unless something already did.
grep -q ' /dev devtmpfs ' /proc/mounts || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /tmp /run
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run

echo "hv-guest: init running"

cmdline=$(cat /proc/cmdline)
param() { # param NAME -> value of NAME=value on the kernel command line
    for w in $cmdline; do
        case $w in "$1"=*) echo "${w#*=}"; return 0 ;; esac
    done
    return 1
}

if [ "$(param hv.test)" = 1 ]; then
    fail=""
    online=$(cat /sys/devices/system/cpu/online)
    possible=$(cat /sys/devices/system/cpu/possible)
    n=$(nproc)
    echo "hv-guest: nproc=$n online=$online possible=$possible"
    echo "hv-guest: kernel $(uname -r) $(uname -m)"
    [ "$online" = "$possible" ] || fail="$fail cpus-not-all-online"
    # A command that exercises fork/exec, pipes, the shell's arithmetic and a
    # checksum over a file in the initramfs.
    sum=$(seq 1 1000 | awk '{s+=$1} END {print s}')
    echo "hv-guest: seq|awk sum=$sum"
    [ "$sum" = 500500 ] || fail="$fail sum"
    echo "hv-guest: $(md5sum /bin/busybox | cut -c1-32) /bin/busybox"
    echo "hv-guest: uptime $(cut -d' ' -f1 /proc/uptime)s"
    if [ -z "$fail" ]; then echo "hv-guest: test PASS"; else echo "hv-guest: test FAIL$fail"; fi
    echo "hv-guest: powering off"
    poweroff -f
    sleep 5
    echo "hv-guest: poweroff -f returned"
    exit 1
fi

echo "hv-guest: starting shell on console (exit to power off)"
# setsid + cttyhack give the shell a controlling terminal so job control and ^C work.
setsid cttyhack sh -l
echo "hv-guest: shell exited, powering off"
poweroff -f
