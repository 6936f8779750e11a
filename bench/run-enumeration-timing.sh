#!/usr/bin/env bash
# The account-enumeration timing benchmark in one command: an in-memory Azurite on free ports, the app in Release writing
# its emails to a temporary pickup folder, then the driver (bench/EnumerationTiming): medians of an anonymous answer for
# known and unknown logins, forgot-password or a sign-in with a wrong password. The per-account and per-IP limits are
# raised for the run (the driver asks for each account many times, from one IP). Arguments go to the driver, e.g.:
#   bench/run-enumeration-timing.sh --requests 200                  # forgot-password
#   bench/run-enumeration-timing.sh --flow sign-in --requests 200   # wrong passwords vs unknown logins
#   bench/run-enumeration-timing.sh --flow locked --requests 200    # locked accounts: right vs wrong password
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

bench_init
bench_start_azurite

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.StandaloneHost/AccountAccess.StandaloneHost.csproj
dotnet build -c Release --nologo -v quiet bench/EnumerationTiming/EnumerationTiming.csproj

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
mkdir -p "$bench_work/mail" "$bench_work/sms"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  WelcomeKits__Schedule="0 0 0 1 1 *" \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  RateLimits__SignInPerIpPerMinute=100000 \
  RateLimits__FailedSignInsPerIpPerMinute=10000 \
  RateLimits__UntrustedFailedSignInsPerMinute=1000000 \
  Passwords__ForgotPasswordEmailsPerAccountPerHour=100 \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"

status=0
dotnet run -c Release --no-build --project bench/EnumerationTiming -- --url "$url" --operator-key "$operator_key" "$@" || status=$?
exit "$status"
