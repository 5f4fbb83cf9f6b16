#!/usr/bin/env bash
# Operaton's Spin JSON data format (needed for JSON process variables) is published on Maven Central only
# as 1.0.0, whose parent POM (operaton-spin-root:1.0.0) was never published, so Maven cannot read its
# descriptor. This fetches the jar alone (no descriptor needed) and installs it into the local repository
# under our own coordinates with a plain POM; engine/pom.xml then declares its two real dependencies
# (jackson-databind, json-path) itself. Idempotent: does nothing when already installed.
set -euo pipefail
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
# Run outside the engine project: its own (not yet resolvable) dependencies must not be read here.
cd "$(mktemp -d)"
target="$repo/org/hcp/thirdparty/operaton-spin-dataformat-json-jackson/1.0.0/operaton-spin-dataformat-json-jackson-1.0.0.jar"
[ -f "$target" ] && exit 0
mvn -B -q dependency:get -Dartifact=org.operaton.spin:operaton-spin-dataformat-json-jackson:1.0.0 -Dtransitive=false
mvn -B -q install:install-file \
  -Dfile="$repo/org/operaton/spin/operaton-spin-dataformat-json-jackson/1.0.0/operaton-spin-dataformat-json-jackson-1.0.0.jar" \
  -DgroupId=org.hcp.thirdparty -DartifactId=operaton-spin-dataformat-json-jackson -Dversion=1.0.0 \
  -Dpackaging=jar -DgeneratePom=true
