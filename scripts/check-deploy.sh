#!/usr/bin/env bash
# Offline checks of the deployment files (part of `npm test`). No Docker engine or Helm binary is
# needed: docker-compose v1 validates the compose file, yamllint and shellcheck lint the rest.
# The Helm chart's structure is tested by `npm run test:deploy -w backend`.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in docker-compose yamllint shellcheck; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is not installed (apt-get install -y docker-compose yamllint shellcheck)" >&2
    exit 1
  fi
done

step() { printf -- '-- %s\n' "$1"; }
no_env=$(mktemp)
trap 'rm -f "$no_env"' EXIT

step "docker-compose config (required secrets set to dummies)"
# The real .env must not leak into the check, nor a missing one make it pass by accident.
env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  MYSQL_PASSWORD=check MYSQL_ROOT_PASSWORD=check REDIS_PASSWORD=check \
  JWT_SECRET=check-check-check-check-check-check \
  docker-compose --project-directory . --env-file "$no_env" -f docker-compose.yml config -q

step "docker-compose refuses to start without the required secrets"
if env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  docker-compose --project-directory . --env-file "$no_env" -f docker-compose.yml config -q 2>/dev/null; then
  echo "error: docker-compose.yml accepted an empty environment; secrets must use \${VAR:?message}" >&2
  exit 1
fi

step "yamllint"
yamllint --strict docker-compose.yml .yamllint helm/calltimex/Chart.yaml helm/calltimex/values.yaml

step "shellcheck"
mapfile -t scripts < <(git ls-files --cached --others --exclude-standard -- '*.sh' | sort -u)
scripts+=(.ci/run)
shellcheck --external-sources "${scripts[@]}"
printf 'shellcheck: %d files\n' "${#scripts[@]}"

echo "deployment files: ok"
