#!/usr/bin/env bash
# Sets everything up and runs all tests against the real local services (Cosmos DB API, Azurite, maildev), ending
# with one line: "N passed, N failed, N skipped". Extra arguments go to `dotnet test`, e.g.
#   ./scripts/test.sh --filter "FullyQualifiedName~IdempotencyTests"
# Services this script starts are stopped at the end; ones already running are reused and left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Browser tests (axe-core accessibility checks) drive Debian's Chromium; a test tool never downloads its own.
if [ ! -x /usr/bin/chromium ]; then
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq && sudo_if_needed apt-get install -y -qq chromium
fi

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
export SERVICES_STARTED_FILE="$root/.local/started-$$"
mkdir -p "$root/.local"
bash scripts/services.sh start
trap 'bash scripts/services.sh stop-listed "$SERVICES_STARTED_FILE"' EXIT

dotnet restore Delivery.Functions.sln --locked-mode
dotnet build Delivery.Functions.sln --no-restore -c Release

# One test assembly at a time: they share one local Cosmos server, which copes badly with several suites creating
# and dropping databases at once (its resource ids then confuse the SDK's caches), and the durable tests need the cores.
log="$root/.local/test-$$.log"
status=0
dotnet test Delivery.Functions.sln --no-build -c Release -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# Each assembly ends with "Total tests: T" and then "Passed: P", "Failed: F", "Skipped: S" lines (those it has);
# add them up into one line. An assembly whose test host crashed prints no counts: it counts as one failure.
# The failed tests are named again just above that line, so a log that keeps only its tail still says which.
awk '/The active test run was aborted/ { n["Failed:"] += 1; failed[++f] = "a test host crashed"; next }
     /^ +Failed [A-Za-z_][A-Za-z0-9_.]*/ { line = $0; sub(/^ +Failed /, "", line); failed[++f] = line }
     /^Total tests: [0-9]+/ { in_summary = 1; next }
     in_summary && /^ +(Passed|Failed|Skipped): +[0-9]+ *$/ { n[$1] += $2; next }
     { in_summary = 0 }
     END { for (i = 1; i <= f; i++) print "failed: " failed[i]
           printf "%d passed, %d failed, %d skipped\n", n["Passed:"], n["Failed:"], n["Skipped:"] }' "$log"
rm -f "$log"
exit "$status"
