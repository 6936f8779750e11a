#!/usr/bin/env bash
# The member search benchmark in one command: an in-memory Azurite on free ports, the app in Release (reporting its
# storage round trips per request), then the driver (bench/MemberSearch): one organization of N members listed and
# searched page by page, and a PATCH the member index follows against one it does not. Everything started here is
# stopped at the end. Arguments go to the driver, e.g.:  bench/run-member-search.sh --members 10000
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

bench_init
bench_start_azurite

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.StandaloneHost/AccountAccess.StandaloneHost.csproj
dotnet build -c Release --nologo -v quiet bench/MemberSearch/MemberSearch.csproj

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  Diagnostics__StorageRoundTripsHeader=true \
  WelcomeKits__Schedule="0 0 0 1 1 *" \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"

echo "uptime: $(uptime)"
dotnet run -c Release --no-build --project bench/MemberSearch -- --url "$url" --operator-key "$operator_key" "$@"
