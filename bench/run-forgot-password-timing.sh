#!/usr/bin/env bash
# The forgot-password timing benchmark in one command: an in-memory Azurite on free ports, the app in Release writing its
# emails to a temporary pickup folder, then the driver (bench/ForgotPasswordTiming): medians of forgot-password for known
# and unknown logins. The per-account limit is raised for the run (the driver asks for each account many times); what
# is measured is the answer, which queues the request either way. Arguments go to the driver, e.g.:
#   bench/run-forgot-password-timing.sh --requests 200
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
scripts/install-tools

bench_init
bench_start_azurite

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.Functions/AccountAccess.Functions.csproj
dotnet build -c Release --nologo -v quiet bench/ForgotPasswordTiming/ForgotPasswordTiming.csproj

url="http://127.0.0.1:$(bench_free_port)"
operator_key="$(bench_random_key)"
mkdir -p "$bench_work/mail" "$bench_work/sms"
bench_start_app "$url" \
  Operator__ApiKey="$operator_key" \
  WelcomeKits__Schedule="0 0 0 1 1 *" \
  ASPNETCORE_ENVIRONMENT=Development \
  Logging__LogLevel__Default=Warning \
  RateLimits__SignInPerIpPerMinute=100000 \
  Passwords__ForgotPasswordEmailsPerAccountPerHour=100 \
  Email__PickupDirectory="$bench_work/mail" \
  Sms__PickupDirectory="$bench_work/sms"

status=0
dotnet run -c Release --no-build --project bench/ForgotPasswordTiming -- --url "$url" --operator-key "$operator_key" "$@" || status=$?
exit "$status"
