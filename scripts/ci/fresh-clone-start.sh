#!/usr/bin/env bash
# A newcomer's first minutes: a fresh clone of HEAD in a private directory (mode 700, like
# `mktemp -d`), with neither POSTGRES_URL nor KAFKA_BROKERS set, `npm ci && npm start` brings
# the gateway up, and SIGTERM to the `npm start` process then leaves no process of the clone.
set -euo pipefail
unset POSTGRES_URL KAFKA_BROKERS

REPO=$(git -C "$(dirname "$0")/../.." rev-parse --show-toplevel)
GATEWAY=http://127.0.0.1:8080
READY_WITHIN=420 # seconds, from `npm start` to the gateway's first 200 on /health/ready
STOPPED_WITHIN=90 # seconds, from SIGTERM to no process of the clone left

say() { printf '[fresh-clone-start %3ds] %s\n' "$SECONDS" "$*"; }
fail() {
  say "FAIL: $*"
  exit 1
}

PRIVATE=$(mktemp -d)
chmod 700 "$PRIVATE"
CLONE="$PRIVATE/laoke"
START_PID=""

# Every process of the clone, as `pid args`: one naming it on its command line (in `ps`) or
# running from it, and as root the embedded PostgreSQL, whose cluster lives outside the clone
# (linked from .laoke/postgres); its server processes run from the cluster's directory.
clone_processes() {
  local cluster pids
  cluster=$(readlink -f "$CLONE/.laoke/postgres" 2>/dev/null || echo "$CLONE/")
  # The paths go through the environment, so awk's own command line does not match them.
  pids=$({
    ps -eo pid=,args= |
      C="$CLONE/" K="$cluster" awk 'index($0, ENVIRON["C"]) || index($0, ENVIRON["K"]) { print $1 }'
    find /proc -mindepth 2 -maxdepth 2 -name cwd \
      \( -lname "$CLONE" -o -lname "$CLONE/*" -o -lname "$cluster" -o -lname "$cluster/*" \) \
      2>/dev/null | cut -d/ -f3
  } | sort -un | paste -sd, -)
  [ -z "$pids" ] || ps -o pid=,args= -p "$pids" || true
}

cleanup() {
  local left cluster
  left=$(clone_processes || true)
  if [ -n "$left" ]; then
    say "killing what is left:"
    printf '%s\n' "$left"
    kill -KILL $(printf '%s\n' "$left" | awk '{ print $1 }') 2>/dev/null || true
  fi
  # As root, the persistent dev cluster lives outside the clone.
  cluster=$(readlink -f "$CLONE/.laoke/postgres" 2>/dev/null || true)
  [ -n "$cluster" ] && rm -rf "$cluster" "$cluster.log"
  rm -rf "$PRIVATE"
}
trap cleanup EXIT

if (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
  fail "something already listens on port 8080 (the dev gateway's); stop it first"
fi

say "running as uid $(id -u) in private directory $PRIVATE (mode $(stat -c %a "$PRIVATE"))"
say "cloning HEAD $(git -C "$REPO" rev-parse --short HEAD) of $REPO"
git clone --quiet --no-checkout "$REPO" "$CLONE"
git -C "$CLONE" checkout --quiet --detach "$(git -C "$REPO" rev-parse HEAD)"

say "npm ci (with the machine's npm cache)"
(cd "$CLONE" && npm ci --prefer-offline --no-fund --no-audit --loglevel=error >"$PRIVATE/npm-ci.log" 2>&1) ||
  {
    tail -n 30 "$PRIVATE/npm-ci.log"
    fail "npm ci failed"
  }

# Like the npm cache: the broker jars a test run of this checkout already fetched, if any.
if [ -d "$REPO/.laoke/cache" ]; then
  say "reusing the Kafka jars in $REPO/.laoke/cache"
  mkdir -p "$CLONE/.laoke"
  cp -al "$REPO/.laoke/cache" "$CLONE/.laoke/" 2>/dev/null || cp -a "$REPO/.laoke/cache" "$CLONE/.laoke/"
fi

say "npm start, with neither POSTGRES_URL nor KAFKA_BROKERS"
(cd "$CLONE" && exec npm start) >"$PRIVATE/start.log" 2>&1 &
START_PID=$!

started=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/health/ready")" = 200 ]; do
  if ! kill -0 "$START_PID" 2>/dev/null || ((SECONDS - started >= READY_WITHIN)); then
    tail -n 40 "$PRIVATE/start.log"
    fail "the gateway did not answer 200 on /health/ready within ${READY_WITHIN}s"
  fi
  sleep 1
done
say "ok: $GATEWAY/health/ready answered 200, $((SECONDS - started))s after npm start"

say "SIGTERM to the npm start process ($START_PID)"
kill -TERM "$START_PID"
stopping=$SECONDS
while kill -0 "$START_PID" 2>/dev/null || [ -n "$(clone_processes)" ]; do
  ((SECONDS - stopping < STOPPED_WITHIN)) || break
  sleep 1
done
status=0
wait "$START_PID" || status=$?
left=$(clone_processes)
if [ -n "$left" ]; then
  tail -n 20 "$PRIVATE/start.log"
  printf '%s\n' "$left"
  fail "processes of the clone still run ${STOPPED_WITHIN}s after SIGTERM"
fi
[ "$status" = 0 ] || {
  tail -n 20 "$PRIVATE/start.log"
  fail "npm start exited with $status after SIGTERM"
}
say "ok: npm start exited 0 and no process of the clone is left, $((SECONDS - stopping))s after SIGTERM"
