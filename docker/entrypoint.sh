#!/bin/sh
# One image, three roles: `api` (default), `worker`, `cli <command> [args]`. Anything else runs as given.
set -eu
cd /app

role=${1:-api}
if [ "$#" -gt 0 ]; then shift; fi

case "$role" in
  api) exec node backend/dist/main.js "$@" ;;
  worker) exec node backend/dist/worker.js "$@" ;;
  cli) exec node backend/dist/cli.js "$@" ;;
  *) exec "$role" "$@" ;;
esac
