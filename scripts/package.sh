#!/usr/bin/env bash
# Builds the deployable Azure Functions package: artifacts/delivery-functions.zip, ready for zip deploy / one-deploy
# to a Flex Consumption app. It is the framework-dependent `dotnet publish -c Release` of the isolated worker:
# host.json, functions.metadata and extensions.json (written by the Worker SDK from the [Function] attributes), the
# hidden .azurefunctions/ folder with the host-side extensions, and Delivery.Functions.dll with its dependencies.
# local.settings.json never goes in.
#
# Usage: scripts/package.sh [output.zip]   (default: artifacts/delivery-functions.zip)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/delivery-functions.zip}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
staging="$root/artifacts/package"

fail() { echo "package.sh: $*" >&2; exit 1; }

[ -f "$root/host.json" ] || fail "host.json is missing at the top of the repository"

rm -rf "$staging"
mkdir -p "$staging" "$(dirname "$out")"

echo "package.sh: publishing Delivery.Functions (Release, framework-dependent)"
dotnet publish "$root/functions/Delivery.Functions.csproj" -c Release -o "$staging" -nologo -v quiet

for required in host.json functions.metadata extensions.json Delivery.Functions.dll .azurefunctions; do
  [ -e "$staging/$required" ] || fail "the publish did not produce $required"
done
rm -f "$staging/local.settings.json"

rm -f "$out"
if command -v zip >/dev/null; then
  # zip includes dot-folders such as .azurefunctions/ when given ".".
  (cd "$staging" && zip -qr -X "$out" .)
else
  python3 - "$staging" "$out" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(src):
        for name in sorted(files):
            full = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(full, os.path.relpath(full, src))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as f:
                z.writestr(info, f.read())
PY
fi

count="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$staging/functions.metadata" 2>/dev/null || echo "?")"
size="$(du -h "$out" | cut -f1)"
echo "package.sh: $out ($size): host.json, functions.metadata ($count functions), extensions.json, .azurefunctions/, Delivery.Functions.dll"
