#!/usr/bin/env bash
# Runs one test stage with a time limit. A test stuck where jest's own timeouts cannot reach it (a
# loop that never yields to the event loop, a worker that never answers) would otherwise spend CI's
# whole budget and print nothing. Past the limit, the stage's process tree and the JavaScript stack
# of each of its node processes are printed (print-stacks.mjs), and the stage fails.
#   usage: stage-watchdog.sh SECONDS COMMAND...
set -uo pipefail
limit=$1
shift

descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}

# Its own process group, so that the whole stage can be stopped at once.
set -m
"$@" &
stage_pid=$!
set +m

(
  sleep "$limit" &
  sleeper=$!
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  wait "$sleeper"
  kill -0 "$stage_pid" 2>/dev/null || exit 0
  tree=$(descendants "$stage_pid")
  printf '\n!!! The stage ran past %s s: the stacks of its processes follow, then it is stopped.\n' "$limit" >&2
  # shellcheck disable=SC2086 # one pid per word
  ps -o pid,ppid,stat,wchan:20,etime,args -p "$stage_pid" $tree >&2 || true
  node_pids=$(for pid in $tree; do [ "$(ps -o comm= -p "$pid")" = node ] && echo "$pid"; done)
  # shellcheck disable=SC2086 # one pid per word
  NODE_OPTIONS='' node --experimental-websocket "$(dirname "$0")/print-stacks.mjs" $node_pids >&2
  kill -TERM -- "-$stage_pid" 2>/dev/null
  sleep 5
  kill -KILL -- "-$stage_pid" 2>/dev/null
) &
watchdog_pid=$!

wait "$stage_pid"
status=$?
kill "$watchdog_pid" 2>/dev/null
wait "$watchdog_pid" 2>/dev/null
exit "$status"
