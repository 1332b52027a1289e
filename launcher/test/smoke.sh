#!/usr/bin/env bash
# End-to-end checks of ./hv as users run it. Prints "PASS name" / "FAIL name: why" lines and
# exits non-zero when any check fails. Called by ./hv test after the build.
set -uo pipefail
HV_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HV="$HV_ROOT/hv"
export HV_WORK=${HV_WORK:-$(mktemp -d)}
failed=0

check() { # name, then a command that must succeed
  local name=$1; shift
  local why
  if why=$("$@" 2>&1); then
    echo "PASS $name"
  else
    why=${why//$'\n'/ | }   # one line, so the guest's own PASS/FAIL lines are not counted
    echo "FAIL $name: ${why:0:600}"
    failed=$((failed + 1))
  fi
}

script_lists_bundles_and_version() {
  local out rc
  out=$(printf 'lb\nhv:version\n' | timeout 120 "$HV" run 2>&1); rc=$?
  [[ $rc -eq 0 ]] || { echo "exit code $rc: $out"; return 1; }
  grep -q 'hv shell commands' <<<"$out" || { echo "no hv.shell in lb: $out"; return 1; }
  if grep -E '^ *[0-9]+\|' <<<"$out" | grep -vq '|Active '; then
    echo "a bundle is not Active: $out"; return 1
  fi
  grep -Eq '^hv +[0-9]' <<<"$out" || { echo "no version line: $out"; return 1; }
  grep -q 'host cpus' <<<"$out" || { echo "no host cpus line: $out"; return 1; }
}

script_error_gives_message_and_nonzero_exit() {
  local out rc
  out=$(printf 'hv:version\nno-such-command\nhv:version\n' | timeout 120 "$HV" run 2>&1); rc=$?
  [[ $rc -eq 1 ]] || { echo "exit code $rc, expected 1: $out"; return 1; }
  grep -q "error: line 2: no-such-command: unknown command" <<<"$out" || { echo "no clear message: $out"; return 1; }
  [[ $(grep -Ec '^hv +[0-9]' <<<"$out") -eq 2 ]] || { echo "commands after the error did not run: $out"; return 1; }
}

script_help_describes_a_command() {
  local out rc
  out=$(printf 'help hv:guest\n' | timeout 120 "$HV" run --no-demo 2>&1); rc=$?
  [[ $rc -eq 0 ]] && grep -q 'scope: hv' <<<"$out" || { echo "exit $rc: $out"; return 1; }
}

unknown_hv_command_is_refused() {
  local out rc
  out=$("$HV" frobnicate 2>&1); rc=$?
  [[ $rc -eq 2 ]] && grep -q "unknown command 'frobnicate'" <<<"$out"
}

help_lists_commands() {
  local out
  out=$("$HV" help) && grep -q 'run' <<<"$out" && grep -q 'test' <<<"$out"
}

PREBUILT="$HV_ROOT/guests/baremetal/prebuilt"

boot_passes() { # guest program, extra ./hv boot args...: exit 0 and "N passed, 0 failed"
  local prog=$1; shift
  local out rc
  out=$(timeout 300 "$HV" boot --kernel "$PREBUILT/$prog.elf" --timeout 120 "$@" </dev/null 2>&1); rc=$?
  [[ $rc -eq 0 ]] || { echo "exit code $rc: ${out: -600}"; return 1; }
  grep -Eq "^$prog: [1-9][0-9]* passed, 0 failed" <<<"$out" || { echo "no clean pass line: ${out: -600}"; return 1; }
}

boot_exit_code() { # expected code, grep pattern for the output, ./hv boot args...
  local want=$1 pattern=$2; shift 2
  local out rc
  out=$(timeout 300 "$HV" boot "$@" </dev/null 2>&1); rc=$?
  [[ $rc -eq $want ]] || { echo "exit code $rc, expected $want: ${out: -600}"; return 1; }
  grep -Eq "$pattern" <<<"$out" || { echo "output lacks /$pattern/: ${out: -600}"; return 1; }
}

virtual_clock_is_deterministic() { # guest program: two runs with --clock virtual print the same bytes
  local a b
  a=$(timeout 300 "$HV" boot --kernel "$PREBUILT/$1.elf" --clock virtual --timeout 120 </dev/null 2>&1) || { echo "first run failed: ${a: -400}"; return 1; }
  b=$(timeout 300 "$HV" boot --kernel "$PREBUILT/$1.elf" --clock virtual --timeout 120 </dev/null 2>&1) || { echo "second run failed: ${b: -400}"; return 1; }
  [[ "$a" == "$b" ]] || { diff <(echo "$a") <(echo "$b") | head -20; return 1; }
  grep -q 'passed, 0 failed' <<<"$a" || { echo "no pass line: ${a: -400}"; return 1; }
}

# --- Linux (guests/linux/build.sh builds the image; .ci/run does so when it is absent) ---
LINUX_DIR=$("$HV_ROOT/guests/linux/build.sh" --print-dir 2>/dev/null || true)
linux_present() { [[ -n $LINUX_DIR && -f $LINUX_DIR/Image && -f $LINUX_DIR/initramfs.cpio ]] && "$HV_ROOT/guests/linux/build.sh" --check >/dev/null 2>&1; }

linux_boots() { # harts
  local n=$1 out rc
  out=$(timeout 600 "$HV" boot --kernel "$LINUX_DIR/Image" --initrd "$LINUX_DIR/initramfs.cpio" \
    --append "console=ttyS0 hv.test=1" --smp "$n" --timeout 300 </dev/null 2>&1); rc=$?
  [[ $rc -eq 0 ]] || { echo "exit code $rc: ${out: -800}"; return 1; }
  local want
  for want in 'Linux version 6\.1' 'SBI specification v2\.0 detected' 'hv-guest: init running' \
      "hv-guest: nproc=$n online=0$([[ $n -gt 1 ]] && echo "-$((n - 1))")" 'hv-guest: seq\|awk sum=500500' \
      'hv-guest: test PASS' 'reboot: Power down'; do
    grep -Eq "$want" <<<"$out" || { echo "missing /$want/: ${out: -800}"; return 1; }
  done
  if [[ $n -gt 1 ]]; then
    grep -q "smp: Brought up 1 node, $n CPUs" <<<"$out" || { echo "not every hart came up: ${out: -800}"; return 1; }
  fi
}

linux_console_is_interactive() { # commands typed at the prompt run, and poweroff ends hv with 0
  local dir fifo out rc
  dir=$(mktemp -d); fifo=$dir/in; out=$dir/out; mkfifo "$fifo"
  ( timeout 300 "$HV" boot --kernel "$LINUX_DIR/Image" --initrd "$LINUX_DIR/initramfs.cpio" --append "console=ttyS0" \
      --timeout 240 <"$fifo" >"$out" 2>&1; echo "rc=$?" >>"$out" ) &
  exec 9>"$fifo"
  local i
  for i in $(seq 400); do grep -q 'hv-guest:/#' "$out" && break; sleep 0.5; done
  printf 'echo HV-$((6*7))\n' >&9; sleep 1
  printf 'poweroff -f\n' >&9
  wait; exec 9>&-
  grep -q '^HV-42' "$out" && grep -q '^rc=0' "$out" || { echo "$(tail -c 800 "$out")"; rm -rf "$dir"; return 1; }
  rm -rf "$dir"
}

linux_runs_from_a_guest_dt() { # the same guest as a guest DT file (./hv boot --print-dt), run with --guest
  local dt out rc
  dt=$(mktemp --suffix=.dts)
  "$HV" boot --kernel "$LINUX_DIR/Image" --initrd "$LINUX_DIR/initramfs.cpio" --append "console=ttyS0 hv.test=1" \
    --print-dt >"$dt" 2>/dev/null || { echo "--print-dt failed"; return 1; }
  out=$(timeout 600 "$HV" boot --guest "$dt" --timeout 300 </dev/null 2>&1); rc=$?
  rm -f "$dt"
  [[ $rc -eq 0 ]] && grep -q 'hv-guest: test PASS' <<<"$out" || { echo "exit $rc: ${out: -600}"; return 1; }
}

demo_guests_run() {
  local out rc
  out=$(printf 'hv:guest list\n' | timeout 120 "$HV" run 2>&1); rc=$?
  [[ $rc -eq 0 ]] || { echo "exit code $rc: $out"; return 1; }
  grep -Eq '^demo0 +RUNNING' <<<"$out" && grep -Eq '^demo1 +RUNNING' <<<"$out" || { echo "demo guests not running: $out"; return 1; }
}

check "./hv run executes piped commands, all bundles Active, version shown, exit 0" script_lists_bundles_and_version
check "./hv run reports a failing command clearly and exits 1" script_error_gives_message_and_nonzero_exit
check "help works in script mode" script_help_describes_a_command
check "./hv refuses an unknown command with exit 2" unknown_hv_command_is_refused
check "./hv help lists the commands" help_lists_commands
for prog in hello isa-selftest fp-selftest paging timer-irq plic-irq poweroff-syscon; do
  check "./hv boot runs the $prog guest to a clean pass and power-off" boot_passes "$prog"
done
check "./hv boot --smp 2 runs the smp guest (HSM, IPIs, atomics across harts)" boot_passes smp --smp 2
check "./hv boot --smp 4 runs the smp guest" boot_passes smp --smp 4
check "./hv boot --smp 2 runs hsm-suspend (a suspended hart is SUSPENDED to the others)" boot_passes hsm-suspend --smp 2
check "./hv boot exits 1 when the guest reports failure" boot_exit_code 1 '' --kernel "$PREBUILT/fail-syscon.elf" --timeout 60
check "./hv boot exits 124 on timeout" boot_exit_code 124 'timeout after 3 s' --kernel "$PREBUILT/spin.elf" --timeout 3
check "./hv boot exits 2 on bad usage, with a one-line message" boot_exit_code 2 'hv boot: --smp: 0 is outside 1..32' --kernel "$PREBUILT/hello.elf" --smp 0
check "./hv boot exits 2 on a missing kernel file" boot_exit_code 2 'hv boot: --kernel: no such file' --kernel /no/such/file
check "./hv boot --guest runs the Xvisor virt64-layout guest" boot_exit_code 0 'virt64-hello: [1-9][0-9]* passed, 0 failed' --guest "$HV_ROOT/guests/baremetal/virt64/virt64-guest.dts" --timeout 120
check "./hv boot --clock virtual: two runs of hello print byte-identical output" virtual_clock_is_deterministic hello
check "./hv boot --clock virtual: two runs of timer-irq print byte-identical output" virtual_clock_is_deterministic timer-irq
check "./hv run starts the two demo guests" demo_guests_run
if linux_present; then
  check "Linux boots on 1 hart: banner, SBI v2.0, init, a command, clean power-off" linux_boots 1
  check "Linux boots on 2 harts, every hart online" linux_boots 2
  check "Linux boots on 4 harts, every hart online" linux_boots 4
  check "Linux's console runs commands typed at the prompt" linux_console_is_interactive
  check "Linux runs from a guest DT file (--print-dt, then --guest)" linux_runs_from_a_guest_dt
else
  echo "SKIP Linux guest tests: no current image (build it with guests/linux/build.sh; .ci/run does)"
fi
exit $((failed > 0))
