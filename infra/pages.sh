#!/usr/bin/env bash
# Prepares the account pages (web/) for the Static Web App: copies them to OUT_DIR, points /config.json at the API, and
# lets the pages' Content-Security-Policy connect to that one origin besides their own (connect-src), nothing else.
# Usage: infra/pages.sh <api-origin> <out-dir>     e.g. infra/pages.sh "$(out apiOrigin)" out/web
set -euo pipefail
api="${1:?the API origin, e.g. https://func-accountaccess.azurewebsites.net}"
out="${2:?the folder to write the pages to}"
# One https origin, no path, no wildcard: the pages must not be able to send a token anywhere else.
if ! [[ "$api" =~ ^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$ ]]; then
  echo "pages.sh: '$api' is not an https origin (https://host[:port], no path, no wildcard)" >&2
  exit 2
fi
web="$(cd "$(dirname "$0")/.." && pwd)/web"
rm -rf "$out" && mkdir -p "$out" && cp -r "$web/." "$out/"
jq -n --arg url "$api" '{apiBaseUrl: $url}' > "$out/config.json"
jq --arg api "$api" '.globalHeaders["Content-Security-Policy"] |= sub("connect-src '\''self'\''"; "connect-src '\''self'\'' " + $api)' \
  "$web/staticwebapp.config.json" > "$out/staticwebapp.config.json"
