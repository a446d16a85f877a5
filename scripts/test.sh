#!/usr/bin/env bash
# Sets everything up and runs all tests against the real local services (Cosmos DB API, Azurite, maildev).
# Services this script starts are stopped at the end; ones already running are reused and left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
export SERVICES_STARTED_FILE="$root/.local/started-$$"
mkdir -p "$root/.local"
bash scripts/services.sh start
trap 'bash scripts/services.sh stop-listed "$SERVICES_STARTED_FILE"' EXIT

dotnet restore Delivery.Functions.sln --locked-mode
dotnet build Delivery.Functions.sln --no-restore -c Release
# One test assembly at a time: they share one local Cosmos server, which copes badly with several suites creating
# and dropping databases at once (its resource ids then confuse the SDK's caches), and timing-sensitive durable
# tests need the cores.
dotnet test Delivery.Functions.sln --no-build -c Release -m:1 --logger "console;verbosity=normal" "$@"
