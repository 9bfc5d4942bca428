#!/usr/bin/env bash
# Pins the base images of docker-compose.yml, docker/backend.Dockerfile and docker/caddy.Dockerfile
# by digest: resolves each tag below to the digest of its (multi-platform) image index and writes
# VAR=sha256:<digest> into .env, or into the file given. Compose refuses to start without them.
#   scripts/update-image-digests.sh                 pin in .env (an install; again to update)
#   scripts/update-image-digests.sh .env.example    maintainers: commit digests a release was tested with
#   scripts/update-image-digests.sh --print         print VAR=digest lines, change nothing
# Needs one of: crane, docker buildx (imagetools inspect), or docker (pull, then inspect).
set -euo pipefail
cd "$(dirname "$0")/.."

# VAR and the tag it pins; backend/test/deploy checks these against where each image is used.
IMAGES=(
  'NODE_IMAGE_DIGEST node:22-bookworm-slim'
  'MYSQL_IMAGE_DIGEST mysql:8.4'
  'REDIS_IMAGE_DIGEST redis:7'
  'MAILPIT_IMAGE_DIGEST axllent/mailpit:v1.20.4'
  'CADDY_IMAGE_DIGEST caddy:2.8'
)

resolve() {
  local image=$1 repository
  if command -v crane >/dev/null 2>&1; then
    crane digest "$image"
  elif docker buildx version >/dev/null 2>&1; then
    docker buildx imagetools inspect --format '{{.Manifest.Digest}}' "$image"
  elif command -v docker >/dev/null 2>&1; then
    # A pull by tag records the index digest in RepoDigests as <repository>@sha256:...
    docker pull --quiet "$image" >/dev/null
    repository=${image%:*}
    docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$image" |
      sed -n "s|^\(docker.io/\)\{0,1\}\(library/\)\{0,1\}${repository}@||p" | head -n 1
  else
    echo "error: need crane, docker buildx or docker to resolve $image" >&2
    return 1
  fi
}

target=.env
print_only=false
case "${1:-}" in
  --print) print_only=true ;;
  -h | --help)
    sed -n '2,8p' "$0"
    exit 0
    ;;
  '') ;;
  *) target=$1 ;;
esac
if [ "$print_only" = false ] && [ ! -f "$target" ]; then
  echo "error: $target does not exist (cp .env.example .env first)" >&2
  exit 1
fi

# Resolve every digest first: a failure leaves the target file as it was.
lines=()
for entry in "${IMAGES[@]}"; do
  read -r variable image <<<"$entry"
  digest=$(resolve "$image")
  if ! [[ "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    echo "error: $image resolved to '$digest', not sha256:<64 hex digits>" >&2
    exit 1
  fi
  echo "$variable=$digest  # $image"
  lines+=("$variable=$digest")
done
if [ "$print_only" = true ]; then exit 0; fi

for line in "${lines[@]}"; do
  variable=${line%%=*}
  if grep -q "^$variable=" "$target"; then
    sed -i "s|^$variable=.*|$line|" "$target"
  else
    printf '%s\n' "$line" >>"$target"
  fi
done
echo "pinned in $target; rebuild and restart: docker compose build --pull && docker compose up -d"
