#!/usr/bin/env bash
# The welcome-kit batch benchmark in one command: an in-memory Azurite on free ports, the app in Release writing its
# emails to a temporary pickup folder (the welcome-kit timer set never to fire, so only the batch sends), then the
# driver (bench/WelcomeKits): N users pending activation, one batch request, every .eml counted. Everything started
# here is stopped at the end. Arguments go to the driver, e.g.:  bench/run-welcome-kits.sh --users 10000
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

bench_init
bench_start_azurite

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.StandaloneHost/AccountAccess.StandaloneHost.csproj
dotnet build -c Release --nologo -v quiet bench/WelcomeKits/WelcomeKits.csproj

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
mkdir -p "$bench_work/mail" "$bench_work/sms"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  WelcomeKits__Schedule="0 0 0 1 1 *" \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"
log="$bench_work/app.log"
startup_lines=$(wc -l < "$log")

watch=(--watch "azurite=$azurite_pid")
[ -n "$app_pid" ] && watch+=(--watch "app=$app_pid")
status=0
dotnet run -c Release --no-build --project bench/WelcomeKits -- \
  --url "$url" --operator-key "$operator_key" --pickup "$bench_work/mail" "${watch[@]}" "$@" || status=$?

# The app logs at Warning and above: anything it logged once healthy is worth a look (start-up lines are not counted).
run_log="$bench_work/app-run.log"
tail -n "+$((startup_lines + 1))" "$log" > "$run_log"
warnings=$(grep -c '^warn:' "$run_log" || true) errors=$(grep -c -E '^(fail|crit):' "$run_log" || true)
echo "app log       $warnings warnings, $errors errors after start-up"
if [ "$warnings" != 0 ] || [ "$errors" != 0 ]; then
  grep -E -A 3 '^(warn|fail|crit):' "$run_log" | head -n 40
fi
if [ "$status" != 0 ] || [ "$warnings" != 0 ] || [ "$errors" != 0 ]; then
  kept="$(mktemp "${TMPDIR:-/tmp}/welcome-kits-app.XXXXXX.log")"
  cp "$log" "$kept"
  echo "              the app log is kept in $kept"
fi
exit "$status"
