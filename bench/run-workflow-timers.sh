#!/usr/bin/env bash
# The workflow-timer benchmark in one command: installs Azurite if missing (scripts/install-tools), builds
# bench/WorkflowTimers in Release and runs it. The bench starts its own in-memory Azurite on free ports (stopped at the
# end, by its process id) unless given --connection-string. Arguments go to the bench, e.g.:
#   bench/run-workflow-timers.sh --timers 10000
#   bench/run-workflow-timers.sh --timers 2000 --runner tunable --pollers 4 --parallelism 32
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools

echo "Building bench/WorkflowTimers (Release) ..."
dotnet build -c Release --nologo -v quiet bench/WorkflowTimers/WorkflowTimers.csproj
exec dotnet run -c Release --no-build --project bench/WorkflowTimers -- "$@"
