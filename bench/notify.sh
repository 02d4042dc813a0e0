#!/usr/bin/env bash
# bench/run notify: the notification path on this machine's RabbitMQ and PostgreSQL, next to the
# broker's own capacity (see bench/README.md). Prints key=value lines on stdout (also kept in
# bench/target/notify-<time>/results.txt); progress notes on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

JVM_FLAGS=(
  --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  -XX:+UseParallelGC
)

# Builds the app module only (the other modules come from ~/.m2) when its sources changed.
build_app_if_stale() {
  local marker=app/target/classes/io/kilowatch/app/bench/NotifyBench.class
  if [ ! -f "$marker" ] || [ ! -f app/target/classpath.txt ] \
    || [ -n "$(find app/src/main app/pom.xml -newer "$marker" -type f -print -quit)" ]; then
    echo "# building app (mvn -o install -pl app, tests skipped)..." >&2
    mvn -o -q -B -Dspotless.check.skip -Dmaven.test.skip=true install -pl app >&2
  fi
}

# A private copy of the Kilowatch jars and the app classes: other builds reinstall ~/.m2 while a
# benchmark runs, and a jar replaced under a running JVM breaks it.
snapshot_classpath() {
  local dir=$1 cp="" entry
  mkdir -p "$dir/lib"
  cp -r app/target/classes "$dir/app-classes"
  IFS=':' read -r -a entries < app/target/classpath.txt
  for entry in "${entries[@]}"; do
    case "$entry" in
      */io/kilowatch/*) cp "$entry" "$dir/lib/" && entry="$dir/lib/$(basename "$entry")" ;;
    esac
    cp="$cp:$entry"
  done
  # BENCH_EXTRA_CLASSPATH (optional) comes first: measure a module's change before installing it
  echo "${BENCH_EXTRA_CLASSPATH:+$BENCH_EXTRA_CLASSPATH:}$dir/app-classes$cp"
}

build_app_if_stale
stamp=$(date +%Y%m%d-%H%M%S)
dir="bench/target/notify-$stamp"
mkdir -p "$dir"
classpath=$(snapshot_classpath "$dir")
jfr=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
  # from the start (instrumenting later recompiles hot code for minutes); -Dbench.jfr adds the
  # JFR CPU attribution (profile_jvm_cpu_pct_*) to the profiled window
  jfr=(-XX:StartFlightRecording=filename="$dir/notify.jfr",settings=profile -Dbench.jfr=true)
  echo "# JFR recording to $dir/notify.jfr" >&2
fi
echo "# results: $dir/results.txt, platform log: $dir/platform.log" >&2
code=0
# shellcheck disable=SC2086
java "${JVM_FLAGS[@]}" -Xms1g -Xmx4g ${BENCH_JAVA_OPTS:-} "${jfr[@]}" \
  -Dlogback.configurationFile=bench/logback-bench.xml -Dbench.log="$dir/platform.log" \
  -cp "$classpath" io.kilowatch.app.bench.NotifyBench | tee "$dir/results.txt" || code=$?
rm -rf "$dir/lib" "$dir/app-classes"
exit "$code"
