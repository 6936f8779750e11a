#!/usr/bin/env bash
# The sign-in load benchmark in one command: an in-memory Azurite on free ports, the app in Release with the
# storage round-trip header on, then the load driver (bench/SignInLoad) against it; everything is stopped at the end.
# Arguments go to the driver, e.g.:  bench/run-signin-load.sh --users 200 --concurrency 2,4,8 --duration 30
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

bench_init
bench_start_azurite

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.StandaloneHost/AccountAccess.StandaloneHost.csproj
dotnet build -c Release --nologo -v quiet bench/SignInLoad/SignInLoad.csproj

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
mkdir -p "$bench_work/mail" "$bench_work/sms"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  Diagnostics__StorageRoundTripsHeader=true \
  RateLimits__SignInPerIpPerMinute=1000000 \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"

watch=(--watch "azurite=$azurite_pid")
[ -n "$app_pid" ] && watch+=(--watch "app=$app_pid")
dotnet run -c Release --no-build --project bench/SignInLoad -- --url "$url" --operator-key "$operator_key" "${watch[@]}" "$@"
