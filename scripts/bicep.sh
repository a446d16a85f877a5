#!/usr/bin/env bash
# Compiles and lints infra/ with the Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (no az CLI,
# no download outside NuGet). The package is restored once into .local/tools/nuget and reused.
#
# Usage: scripts/bicep.sh [check|build|lint|path|<bicep args...>]
#   check (default)  build infra/main.bicep to artifacts/infra/main.json and each .bicepparam beside it, then lint
#                    them; fails on any error or warning (infra/bicepconfig.json raises lint rules to errors too).
#                    tests/Delivery.Infra.Tests runs this itself, so CI runs it through the tests.
#   build            only compile (main.json and the parameter files)
#   lint             only lint
#   path             print the bicep executable's path (installing it if needed)
# BICEP=/path/to/bicep uses that executable instead.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.49.2"
package="azure.bicep.commandline.linux-x64"
tools="$root/.local/tools/nuget"
out="$root/artifacts/infra"

fail() { echo "bicep.sh: $*" >&2; exit 1; }

install_bicep() {
  local exe="$tools/$package/$version/tools/bicep"
  if [ ! -x "$exe" ]; then
    command -v dotnet >/dev/null || fail "dotnet is needed to restore the Bicep CLI from NuGet"
    # A throwaway project outside the repository, so the repository's central package settings do not apply.
    local proj
    proj="$(mktemp -d)"
    cat >"$proj/bicep-cli.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" /></ItemGroup>
</Project>
PROJ
    echo "bicep.sh: restoring Azure.Bicep.CommandLine.linux-x64 $version from NuGet into $tools" >&2
    dotnet restore "$proj/bicep-cli.csproj" --packages "$tools" -nologo -v quiet >&2 \
      || fail "could not restore Azure.Bicep.CommandLine.linux-x64 $version from NuGet"
    rm -rf "$proj"
    [ -f "$exe" ] || fail "the package restored but $exe is not in it"
    chmod +x "$exe"
  fi
  echo "$exe"
}

bicep_exe() {
  if [ -n "${BICEP:-}" ]; then
    [ -x "$BICEP" ] || fail "BICEP=$BICEP is not an executable"
    echo "$BICEP"
  else
    install_bicep
  fi
}

# Runs bicep and fails if it exits non-zero or prints any diagnostic (warnings included).
run_clean() {
  local label="$1"; shift
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; fail "$label failed"
  fi
  if grep -Eq '(Warning|Error|Info) [A-Za-z0-9-]+:|: (Warning|Error) ' "$log"; then
    cat "$log" >&2; rm -f "$log"; fail "$label reported diagnostics; fix them (warnings count as errors here)"
  fi
  rm -f "$log"
  echo "bicep.sh: $label: clean"
}

build() {
  local exe="$1"
  mkdir -p "$out"
  run_clean "build infra/main.bicep" "$exe" build "$root/infra/main.bicep" --outfile "$out/main.json"
  for p in "$root"/infra/*.bicepparam; do
    [ -e "$p" ] || continue
    run_clean "build-params $(basename "$p")" "$exe" build-params "$p" --outfile "$out/$(basename "$p" .bicepparam).parameters.json"
  done
}

# Linting main.bicep lints every module it references too (their findings are reported with their own paths).
lint() {
  local exe="$1" f
  for f in "$root/infra/main.bicep" "$root"/infra/*.bicepparam; do
    [ -e "$f" ] || continue
    run_clean "lint ${f#"$root/"}" "$exe" lint "$f"
  done
}

cmd="${1:-check}"
case "$cmd" in
  check) exe="$(bicep_exe)"; "$exe" --version; build "$exe"; lint "$exe" ;;
  build) exe="$(bicep_exe)"; build "$exe" ;;
  lint) exe="$(bicep_exe)"; lint "$exe" ;;
  path) bicep_exe ;;
  *) exe="$(bicep_exe)"; exec "$exe" "$@" ;;
esac
