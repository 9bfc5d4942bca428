#!/usr/bin/env bash
# `npm test`: every check CallTimeX has, in order, failing fast. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

export TZ=UTC
export FORCE_COLOR=0
results=.test-output
rm -rf "$results" && mkdir -p "$results"

stage() { printf '\n=== %s ===\n' "$1"; }

stage "services (MariaDB, Redis)"
bash scripts/ensure-services.sh

stage "format (prettier)"
npx prettier --check . --log-level warn

stage "build"
npm run build

for ws in $(node -p "require('./package.json').workspaces.join(' ')"); do
  stage "lint and type-check: $ws"
  npm run lint -w "$ws"
  npm run typecheck -w "$ws"
done
stage "OpenAPI document (Redocly lint)" && npm run lint:openapi -w backend

# A backend test file stuck past its limit prints its stack and runs again, and is listed here
# (backend/test/stuck-file-guard.ts). A whole stage has a limit too: stuck anywhere else, it is
# stopped and fails instead of using up CI's time (timeout stops the stage's process group).
export TEST_STUCK_LOG="$PWD/$results/stuck-files.txt"
stage_limit=${TEST_STAGE_LIMIT_SECONDS:-1800}

run_jest() {
  local name=$1 ws=$2 script=$3 status=0
  stage "$name"
  timeout --kill-after=10 "$stage_limit" \
    npm run "$script" -w "$ws" -- --json --outputFile="$PWD/$results/$name.json" --ci || status=$?
  if [ "$status" -eq 124 ]; then
    echo "!!! $name ran past ${stage_limit} s and was stopped." >&2
  fi
  return "$status"
}

run_jest "backend unit" backend test:unit
run_jest "backend integration (sqlite)" backend test:int:sqlite
run_jest "backend integration (mariadb+redis)" backend test:int:mariadb
run_jest "backend e2e" backend test:e2e
if [ -f scripts/check-deploy.sh ]; then
  stage "deployment files (compose, yamllint, shellcheck)"
  bash scripts/check-deploy.sh
fi
if compgen -G "backend/test/deploy/*.deploy-spec.ts" >/dev/null; then
  run_jest "deployment structure" backend test:deploy
fi
for ws in frontend agent; do
  if [ -f "$ws/package.json" ] && node -e "process.exit(require('./$ws/package.json').scripts?.test ? 0 : 1)"; then
    run_jest "$ws tests" "$ws" test
  fi
done

stage "summary"
node scripts/summarize-tests.mjs "$results" "$TEST_STUCK_LOG"
