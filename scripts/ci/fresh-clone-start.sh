#!/usr/bin/env bash
# A newcomer's first minutes: a fresh clone of HEAD in a private directory (mode 700, like
# `mktemp -d`), with neither POSTGRES_URL nor KAFKA_BROKERS set, `npm ci && npm start` brings
# the gateway up, and SIGTERM to the `npm start` process then leaves no process of the clone.
set -euo pipefail
unset POSTGRES_URL KAFKA_BROKERS

REPO=$(git -C "$(dirname "$0")/../.." rev-parse --show-toplevel)
GATEWAY=http://127.0.0.1:8080
READY_WITHIN=240 # seconds, from `npm start` to the gateway's first 200 on /health/ready
STOPPED_WITHIN=60 # seconds, from SIGTERM to no process of the clone left

say() { printf '[fresh-clone-start] %s\n' "$*"; }
fail() {
  say "FAIL: $*"
  exit 1
}

PRIVATE=$(mktemp -d)
chmod 700 "$PRIVATE"
CLONE="$PRIVATE/laoke"
START_PID=""

# Every process of the clone: one run from it or naming it on its command line, and as root the
# embedded PostgreSQL, whose cluster lives outside the clone (linked from .laoke/postgres).
clone_processes() {
  local cluster dir pid cwd args
  cluster=$(readlink -f "$CLONE/.laoke/postgres" 2>/dev/null || true)
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [ "$pid" = "$$" ] && continue
    cwd=$(readlink "$dir/cwd" 2>/dev/null) || continue
    args=$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null) || continue
    case "$cwd/ $args" in
      *"$CLONE/"* | *"${cluster:-$CLONE/}"*) printf '%s %s\n' "$pid" "$args" ;;
    esac
  done
}

cleanup() {
  local left cluster
  left=$(clone_processes || true)
  if [ -n "$left" ]; then
    say "killing what is left:"
    printf '%s\n' "$left"
    kill -KILL $(printf '%s\n' "$left" | cut -d' ' -f1) 2>/dev/null || true
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

ready=""
for ((waited = 0; waited < READY_WITHIN; waited++)); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/health/ready")" = 200 ]; then
    ready=yes
    break
  fi
  kill -0 "$START_PID" 2>/dev/null || break
  sleep 1
done
if [ -z "$ready" ]; then
  tail -n 40 "$PRIVATE/start.log"
  fail "the gateway did not answer 200 on /health/ready within ${READY_WITHIN}s"
fi
say "ok: $GATEWAY/health/ready answered 200 after ~${waited}s"

say "SIGTERM to the npm start process ($START_PID)"
kill -TERM "$START_PID"
for ((waited = 0; waited < STOPPED_WITHIN; waited++)); do
  kill -0 "$START_PID" 2>/dev/null || [ -n "$(clone_processes)" ] || break
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
say "ok: npm start exited 0 after ~${waited}s and no process of the clone is left"
