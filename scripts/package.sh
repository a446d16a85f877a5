#!/usr/bin/env bash
# Builds the deployable Azure Functions package: artifacts/delivery-functions.zip, ready for zip deploy / one-deploy
# to a Flex Consumption app. Its root holds host.json, one folder per function with its function.json, and the
# self-contained linux-x64 Delivery.Functions executable at the path host.json's customHandler names.
# The executable keeps its run bit in the zip (Debian's zip when present, else Python's zipfile).
#
# Usage: scripts/package.sh [output.zip]   (default: artifacts/delivery-functions.zip)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/delivery-functions.zip}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
staging="$root/artifacts/package"

fail() { echo "package.sh: $*" >&2; exit 1; }

[ -f "$root/host.json" ] || fail "host.json is missing at the top of the repository"
command -v python3 >/dev/null || fail "python3 is needed to read host.json"

# The executable's place in the package comes from host.json, so the two can never disagree.
exe_rel="$(python3 - "$root/host.json" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    host = json.load(f)
path = (host.get("customHandler") or {}).get("description", {}).get("defaultExecutablePath", "")
path = path.replace("\\", "/")
print(path[2:] if path.startswith("./") else path)
PY
)"
[ -n "$exe_rel" ] || fail "host.json has no customHandler.description.defaultExecutablePath"
case "$exe_rel" in /*|*..*) fail "defaultExecutablePath must be a relative path inside the package: $exe_rel" ;; esac
exe_dir="$(dirname "$exe_rel")"

rm -rf "$staging"
mkdir -p "$staging/$exe_dir" "$(dirname "$out")"

echo "package.sh: publishing Delivery.Functions (Release, linux-x64, self-contained) into $exe_dir/"
# A plain restore first: the project's RuntimeIdentifiers already name linux-x64, so its lock file covers the publish.
# Restoring with -r instead would push the RID into every referenced project's lock file as well.
dotnet restore "$root/functions/Delivery.Functions.csproj" -nologo -v quiet
dotnet publish "$root/functions/Delivery.Functions.csproj" -c Release -r linux-x64 --self-contained --no-restore \
  -o "$staging/$exe_dir" -p:UseAppHost=true -nologo -v quiet

[ -f "$staging/$exe_rel" ] || fail "the publish did not produce $exe_rel (host.json's defaultExecutablePath)"
chmod 0755 "$staging/$exe_rel"

cp "$root/host.json" "$staging/host.json"
count=0
for fj in "$root"/functions/*/function.json; do
  [ -e "$fj" ] || continue
  name="$(basename "$(dirname "$fj")")"
  mkdir -p "$staging/$name"
  cp "$fj" "$staging/$name/function.json"
  count=$((count + 1))
done

rm -f "$out"
if command -v zip >/dev/null; then
  (cd "$staging" && zip -qr -X "$out" .)
else
  python3 - "$staging" "$out" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in os.walk(src):
        for name in sorted(files):
            full = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(full, os.path.relpath(full, src))  # keeps the unix mode bits
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as f:
                z.writestr(info, f.read())
PY
fi

size="$(du -h "$out" | cut -f1)"
echo "package.sh: $out ($size): host.json, $count function folder(s), $exe_rel"
