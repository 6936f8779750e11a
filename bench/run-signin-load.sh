#!/usr/bin/env bash
# The sign-in load benchmark in one command: an in-memory Azurite on free ports, the app in Release with the
# storage round-trip header on, then the load driver (bench/SignInLoad) against it; everything is stopped at the end.
# Arguments go to the driver, e.g.:  bench/run-signin-load.sh --users 200 --concurrency 2,4,8 --duration 30
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools

work="$(mktemp -d)"
azurite_pid="" run_pid="" app_pid=""
stop() {
  # Only the processes this script started, by their id.
  for pid in $app_pid $run_pid $azurite_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $app_pid $run_pid $azurite_pid; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

echo "Starting Azurite (in memory) ..."
node_modules/.bin/azurite --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 \
  > "$work/azurite.log" 2>&1 &
azurite_pid=$!
port_of() { sed -n "s|.*Azurite $1 service is successfully listening at http://127.0.0.1:\([0-9]*\).*|\1|p" "$work/azurite.log" | head -n 1; }
for _ in $(seq 1 300); do
  [ -n "$(port_of Blob)" ] && [ -n "$(port_of Queue)" ] && [ -n "$(port_of Table)" ] && break
  kill -0 "$azurite_pid" 2>/dev/null || { cat "$work/azurite.log" >&2; exit 1; }
  sleep 0.2
done
blob=$(port_of Blob) queue=$(port_of Queue) table=$(port_of Table)
[ -n "$table" ] || { echo "Azurite did not start:" >&2; cat "$work/azurite.log" >&2; exit 1; }
echo "  blob $blob, queue $queue, table $table"

echo "Building the app and the driver (Release) ..."
dotnet build -c Release --nologo -v quiet src/AccountAccess.Functions/AccountAccess.Functions.csproj
dotnet build -c Release --nologo -v quiet bench/SignInLoad/SignInLoad.csproj

app_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
operator_key="bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$app_port"
mkdir -p "$work/mail" "$work/sms"

echo "Starting the app at $url ..."
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;" \
Operator__ApiKey="$operator_key" \
Diagnostics__StorageRoundTripsHeader=true \
RateLimits__SignInPerIpPerMinute=1000000 \
ASPNETCORE_ENVIRONMENT=Development \
Logging__LogLevel__Default=Warning \
Email__PickupDirectory="$work/mail" \
Sms__PickupDirectory="$work/sms" \
  dotnet run -c Release --no-build --project src/AccountAccess.Functions -- --urls "$url" > "$work/app.log" 2>&1 &
run_pid=$!

for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" || true)" = 200 ] && break
  kill -0 "$run_pid" 2>/dev/null || { echo "The app stopped:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.2
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" || true)" = 200 ] || { echo "The app never became healthy:" >&2; cat "$work/app.log" >&2; exit 1; }
# dotnet run starts the app as its child: that child is the process whose CPU time counts.
app_pid=$(pgrep -P "$run_pid" | head -n 1 || true)
echo "  healthy (app pid ${app_pid:-?}, Azurite pid $azurite_pid)"

watch=(--watch "azurite=$azurite_pid")
[ -n "$app_pid" ] && watch+=(--watch "app=$app_pid")
dotnet run -c Release --no-build --project bench/SignInLoad -- --url "$url" --operator-key "$operator_key" "${watch[@]}" "$@"
