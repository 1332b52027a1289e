#!/usr/bin/env bash
# JMH benchmark of the RISC-V interpreter loop (InterpreterBenchmark in the test sources).
# Usage: hv.arch.riscv/bench.sh [JMH options, e.g. -p program=alu -f 1 -wi 2 -i 3]
# Score: ops/us = guest MIPS. Builds the module's test classes first (offline when possible).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# the same JDK choice as ./hv
if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/javac ]] || [[ $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1) -lt 21 ]]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*/ | while read -r d; do v=$("$d/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1); [[ -n $v && $v -ge 21 ]] && echo "$v ${d%/}"; done | sort -n | tail -1 | cut -d' ' -f2)
fi
export JAVA_HOME
cd "$root"
mvn -q -B -o -pl hv.dt,hv.core,hv.arch.riscv install -DskipTests >/dev/null 2>&1 || mvn -q -B -pl hv.dt,hv.core,hv.arch.riscv install -DskipTests
mvn -q -B -o -pl hv.arch.riscv test-compile >/dev/null
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -o -pl hv.arch.riscv dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
cp=$(cat "$cpfile")
"$JAVA_HOME/bin/java" -cp "$here/target/test-classes:$here/target/classes:$cp" org.openjdk.jmh.Main InterpreterBenchmark "$@"
