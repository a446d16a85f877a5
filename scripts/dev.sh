#!/usr/bin/env bash
# Sets everything up and runs the backend on http://localhost:7071 with its local services.
# Email inbox: http://127.0.0.1:1080. Ctrl-C stops the app and the services this script started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
bash scripts/services.sh start
trap 'bash scripts/services.sh stop' EXIT
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

dotnet run --project functions/Delivery.Functions.csproj
