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
    echo "FAIL $name: ${why:0:400}"
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

unknown_hv_command_is_refused() {
  local out rc
  out=$("$HV" frobnicate 2>&1); rc=$?
  [[ $rc -eq 2 ]] && grep -q "unknown command 'frobnicate'" <<<"$out"
}

help_lists_commands() {
  local out
  out=$("$HV" help) && grep -q 'run' <<<"$out" && grep -q 'test' <<<"$out"
}

check "./hv run executes piped commands, all bundles Active, version shown, exit 0" script_lists_bundles_and_version
check "./hv run reports a failing command clearly and exits 1" script_error_gives_message_and_nonzero_exit
check "./hv refuses an unknown command with exit 2" unknown_hv_command_is_refused
check "./hv help lists the commands" help_lists_commands
exit $((failed > 0))
