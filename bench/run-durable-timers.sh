#!/usr/bin/env bash
# The durable-timer benchmark in one command: installs Azurite if missing (scripts/install-tools), builds
# bench/DurableTimers in Release and runs it. The bench starts its own in-memory Azurite on free ports (stopped at the
# end, by its process id) unless given --connection-string, and runs the app's durable engine in its own process.
# Arguments go to the bench, e.g.:
#   bench/run-durable-timers.sh --orchestrations 10000
#   bench/run-durable-timers.sh --orchestrations 2000 --set maxConcurrentOrchestratorFunctions=200
#   BENCH_AZURITE=/path/to/wrapper bench/run-durable-timers.sh ...   # e.g. a wrapper running Azurite under node --cpu-prof
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools

echo "Building bench/DurableTimers (Release) ..."
dotnet build -c Release --nologo -v quiet bench/DurableTimers/DurableTimers.csproj
if [ -n "${BENCH_AZURITE:-}" ]; then set -- --azurite "$BENCH_AZURITE" "$@"; fi
exec dotnet run -c Release --no-build --project bench/DurableTimers -- "$@"
