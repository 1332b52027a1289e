#!/usr/bin/env bash
# Scheduling overhead benchmark: docs/performance.md, "## Scheduler". Not a test: run it by hand on a
# quiet machine. Usage: hv.sched.rms/bench.sh [SECONDS per point, default 3]
# Builds what it needs (offline), then runs hv.sched.bench.SchedBench (src/test) on the plain class path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)
fi
export JAVA_HOME
repo=${MAVEN_REPO:-$HOME/.m2/repository}
(cd "$root" && mvn -q -B -o -pl hv.dt,hv.core,hv.arch.riscv,hv.sched.rr,hv.sched.rms install -DskipTests)
v=0.1.0-SNAPSHOT
cp="$here/target/test-classes:$here/target/classes"
for m in hv.dt hv.core hv.arch.riscv hv.sched.rr; do
    cp="$cp:$repo/hv/$m/$v/$m-$v.jar"
done
cp="$cp:$repo/hv/hv.sched.rr/$v/hv.sched.rr-$v-tests.jar"
cp="$cp:$repo/org/osgi/osgi.core/8.0.0/osgi.core-8.0.0.jar"
cp="$cp:$(ls "$repo"/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar)"
exec "$JAVA_HOME/bin/java" -Xss4m -cp "$cp" hv.sched.bench.SchedBench "$@"
