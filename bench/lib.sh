# Shell code shared by the HTTP benchmarks (run-signin-load.sh, run-welcome-kits.sh); sourced, not run.
# bench_init makes a temporary folder ($bench_work) and arranges for bench_stop to run at exit: it stops only the
# processes started here (the app, `dotnet run` above it, Azurite), by their id, then removes the folder.

bench_work="" azurite_pid="" run_pid="" app_pid=""

bench_init() {
  bench_work="$(mktemp -d)"
  trap bench_stop EXIT
  trap 'exit 130' INT TERM
}

bench_stop() {
  # Only the processes this script started, by their id.
  for pid in $app_pid $run_pid $azurite_pid; do kill "$pid" 2>/dev/null || true; done
  for pid in $app_pid $run_pid $azurite_pid; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  [ -z "$bench_work" ] || rm -rf "$bench_work"
}

# Starts an in-memory Azurite on free loopback ports; sets azurite_pid and storage_connection. BENCH_AZURITE, when set,
# is run instead of node_modules/.bin/azurite with the same arguments (e.g. a wrapper running it under node --cpu-prof).
bench_start_azurite() {
  echo "Starting Azurite (in memory) ..."
  "${BENCH_AZURITE:-node_modules/.bin/azurite}" --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 \
    > "$bench_work/azurite.log" 2>&1 &
  azurite_pid=$!
  local blob="" queue="" table=""
  for _ in $(seq 1 300); do
    blob=$(bench_azurite_port Blob) queue=$(bench_azurite_port Queue) table=$(bench_azurite_port Table)
    [ -n "$blob" ] && [ -n "$queue" ] && [ -n "$table" ] && break
    kill -0 "$azurite_pid" 2>/dev/null || { cat "$bench_work/azurite.log" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$table" ] || { echo "Azurite did not start:" >&2; cat "$bench_work/azurite.log" >&2; exit 1; }
  echo "  blob $blob, queue $queue, table $table"
  storage_connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}

bench_azurite_port() {
  sed -n "s|.*Azurite $1 service is successfully listening at http://127.0.0.1:\([0-9]*\).*|\1|p" "$bench_work/azurite.log" | head -n 1
}

bench_free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

bench_random_key() {
  echo "bench-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
}

# bench_start_app URL [NAME=VALUE ...]: starts the already built app (Release) at URL with those environment variables
# (BENCH_APP_ROOT, when set, is another checkout whose app is started instead: figures "before" a change)
# (and the storage connection), its output in $bench_work/app.log; waits for GET /api/health = 200. Sets run_pid
# (`dotnet run`) and app_pid (the app itself, the child of `dotnet run`, whose CPU time counts).
bench_start_app() {
  local url=$1; shift
  echo "Starting the app at $url ..."
  env Storage__ConnectionString="$storage_connection" "$@" \
    dotnet run -c Release --no-build --project "${BENCH_APP_ROOT:-.}/src/AccountAccess.StandaloneHost" -- --urls "$url" > "$bench_work/app.log" 2>&1 &
  run_pid=$!
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" || true)" = 200 ] && break
    kill -0 "$run_pid" 2>/dev/null || { echo "The app stopped:" >&2; cat "$bench_work/app.log" >&2; exit 1; }
    sleep 0.2
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/health" || true)" = 200 ] || { echo "The app never became healthy:" >&2; cat "$bench_work/app.log" >&2; exit 1; }
  app_pid=$(pgrep -P "$run_pid" | head -n 1 || true)
  echo "  healthy (app pid ${app_pid:-?}, Azurite pid $azurite_pid)"
}
