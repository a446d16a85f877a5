#!/usr/bin/env bash
# Sets everything up and runs the backend on http://localhost:7071 with its local services.
# Email inbox: http://127.0.0.1:1080. Ctrl-C stops the app and the services this script started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

# The local services stand in for Azure; settings that point at real Azure resources need none of them.
cosmos_endpoint="$(node -e 'const v=require("./local.settings.json").Values||{};process.stdout.write(v.Cosmos__Endpoint||"")')"
case "$cosmos_endpoint" in
  ""|https://127.0.0.1*|https://localhost*)
    export SERVICES_STARTED_FILE="$root/.local/started-$$"
    mkdir -p "$root/.local"
    bash scripts/services.sh start
    trap 'bash scripts/services.sh stop-listed "$SERVICES_STARTED_FILE"' EXIT
    ;;
  *) echo "Settings point at $cosmos_endpoint: not starting the local services." ;;
esac

# The Worker SDK wires `dotnet run` to `func start`; standalone we build and run the assembly itself, which then
# serves its functions on http://localhost:7071 (functions/App/Standalone/README.md). From the repository root it
# finds local.settings.json.
dotnet build functions/Delivery.Functions.csproj -c Debug -nologo -v quiet
dotnet functions/bin/Debug/net10.0/Delivery.Functions.dll
