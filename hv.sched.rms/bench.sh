#!/usr/bin/env bash
# Scheduling overhead benchmark: docs/performance.md, "## Scheduler". Not a test: run it by hand on a
# quiet machine. Usage: hv.sched.rms/bench.sh [SECONDS per point, default 3 [SECTIONS: policy,core,switch,throughput]]
# Builds the policy modules (offline), then runs hv.sched.bench.SchedBench (src/test) on the plain class path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)
fi
export JAVA_HOME
repo=${MAVEN_REPO:-$HOME/.m2/repository}
# hv.dt, hv.core and hv.arch.riscv are taken as installed by the last `mvn install` of the reactor
(cd "$root" && mvn -q -B -o -pl hv.sched.rr,hv.sched.rms install -DskipTests)
v=0.1.0-SNAPSHOT
# private copies: another build may replace the jars in the local repository while this runs
lib="$here/target/bench-lib"
rm -rf "$lib" && mkdir -p "$lib"
for m in hv.dt hv.core hv.arch.riscv hv.sched.rr; do
    cp "$repo/hv/$m/$v/$m-$v.jar" "$lib/"
done
cp "$repo/hv/hv.sched.rr/$v/hv.sched.rr-$v-tests.jar" "$repo/org/osgi/osgi.core/8.0.0/osgi.core-8.0.0.jar" \
    "$repo/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" "$lib/"
cp -r "$here/target/test-classes" "$lib/test-classes"
cp="$lib/test-classes:$here/target/classes"
for j in "$lib"/*.jar; do
    cp="$cp:$j"
done
exec "$JAVA_HOME/bin/java" -Xss4m -cp "$cp" hv.sched.bench.SchedBench "$@"
