#!/usr/bin/env bash
# Issue 15's comparison in one command: AccountAccess's sign-in on the standalone host (in-memory Azurite) and an
# ASP.NET Core Identity + EF Core SQLite app with the same hash (bench/IdentityBaseline), signed in by the same driver
# (bench/SignInLoad) at the same concurrencies with the same users, and the pure hash rate measured around each
# phase; prints both ratios and p50/p99 for each. Everything is stopped at the end. Arguments go to the driver, e.g.:
#   bench/run-signin-comparison.sh --users 200 --concurrency 2,4,8 --duration 30
#   bench/run-signin-comparison.sh --concurrency 2,4,8 --duration 30 --attack     # a sprayer at the per-IP limit too
#   bench/run-signin-comparison.sh --many-ip-attack --users 150 --concurrency 4 --duration 20   # issue 23: 1,000 IPs
# With --attack or --many-ip-attack the app keeps its default limits (RateLimits:*); otherwise the per-IP limit is
# lifted, since the load comes from one IP. With --many-ip-attack the baseline locks after 6 wrong passwords, as the
# organization the driver provisions then does. BENCH_APP_ROOT=<another checkout> runs that checkout's app (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

identity_pid="" identity_run_pid=""
stop_identity() { for pid in $identity_pid $identity_run_pid; do kill "$pid" 2>/dev/null || true; done; bench_stop; }

bench_init
trap stop_identity EXIT
bench_start_azurite

echo "Building the app, the Identity baseline and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet "${BENCH_APP_ROOT:-.}/src/AccountAccess.StandaloneHost/AccountAccess.StandaloneHost.csproj"
dotnet build -c Release --nologo -v quiet bench/IdentityBaseline/IdentityBaseline.csproj
dotnet build -c Release --nologo -v quiet bench/SignInLoad/SignInLoad.csproj

limit=1000000 baseline_lockout=20
for arg in "$@"; do
  [ "$arg" = "--attack" ] && limit=120
  [ "$arg" = "--many-ip-attack" ] && limit=120 baseline_lockout=6
done

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
mkdir -p "$bench_work/mail" "$bench_work/sms"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  Diagnostics__StorageRoundTripsHeader=true \
  RateLimits__SignInPerIpPerMinute="$limit" \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"

identity_url="http://127.0.0.1:$(bench_free_port)"
echo "Starting the Identity baseline at $identity_url ..."
Baseline__Database="$bench_work/identity.db" Baseline__MaxFailedAccessAttempts="$baseline_lockout" ASPNETCORE_ENVIRONMENT=Production \
  dotnet run -c Release --no-build --project bench/IdentityBaseline -- --urls "$identity_url" > "$bench_work/identity.log" 2>&1 &
identity_run_pid=$!
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$identity_url/api/health" || true)" = 200 ] && break
  kill -0 "$identity_run_pid" 2>/dev/null || { echo "The Identity baseline stopped:" >&2; cat "$bench_work/identity.log" >&2; exit 1; }
  sleep 0.2
done
identity_pid=$(pgrep -P "$identity_run_pid" | head -n 1 || true)
echo "  healthy (pid ${identity_pid:-?})"

watch=(--watch "azurite=$azurite_pid")
[ -n "$app_pid" ] && watch+=(--watch "app=$app_pid")
[ -n "$identity_pid" ] && watch+=(--watch "identity=$identity_pid")
dotnet run -c Release --no-build --project bench/SignInLoad -- --url "$url" --operator-key "$operator_key" \
  --compare-url "$identity_url" "${watch[@]}" "$@"
