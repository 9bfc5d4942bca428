#!/usr/bin/env bash
# Writes the secrets docker-compose.yml mounts (compose `secrets:`) into ./secrets: the directory
# 0700, each file 0444 (the containers run as different users and compose mounts the files as they
# are; the directory keeps other users of the host out). Passwords and keys are generated once and
# kept on later runs; DATABASE_URL and REDIS_URL are rebuilt from them every time.
#   scripts/compose-secrets.sh --smtp-url 'smtp://user:password@relay.example.com:587'
#   scripts/compose-secrets.sh --trial      mail goes to the trial's catcher (--profile trial)
# The mail relay is required once: a production install must not send its password resets to a
# catcher by default. Values already in the environment are used instead of generated ones
# (MYSQL_PASSWORD, MYSQL_ROOT_PASSWORD, REDIS_PASSWORD, JWT_SECRET, BILLING_ENCRYPTION_KEY,
# SMTP_URL, OIDC_CLIENT_SECRET, SCREENSHOTS_S3_SECRET_ACCESS_KEY, DATABASE_REPLICA_URLS), so an
# install that kept them in .env moves with: set -a; . ./.env; set +a; <this script>
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${CALLTIMEX_SECRETS_DIR:-secrets}
smtp_url=${SMTP_URL:-}
while [ "$#" -gt 0 ]; do
  case "$1" in
    --trial) smtp_url=smtp://mailpit:1025 ;;
    --smtp-url)
      smtp_url=${2:?--smtp-url needs a URL}
      shift
      ;;
    --smtp-url=*) smtp_url=${1#--smtp-url=} ;;
    -h | --help)
      sed -n '2,12p' "$0"
      exit 0
      ;;
    *)
      echo "error: unknown option $1 (--smtp-url URL or --trial)" >&2
      exit 2
      ;;
  esac
  shift
done

umask 077
mkdir -p "$dir"
chmod 0700 "$dir"

# Hex needs no URL-encoding inside DATABASE_URL and REDIS_URL, nor quoting in redis.conf.
random_hex() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }

write() {
  printf '%s\n' "$2" >"$dir/$1.new"
  chmod 0444 "$dir/$1.new"
  mv -f "$dir/$1.new" "$dir/$1"
}

# Keeps an existing file; otherwise writes the given value, or a generated one.
ensure() {
  local name=$1 given=$2 generated=$3
  if [ -s "$dir/$name" ]; then
    if [ -n "$given" ] && [ "$given" != "$(cat "$dir/$name")" ]; then
      echo "warning: $dir/$name exists and differs from the environment; kept the file" >&2
    fi
    return
  fi
  write "$name" "${given:-$generated}"
  echo "wrote $dir/$name"
}

ensure mysql_password "${MYSQL_PASSWORD:-}" "$(random_hex)"
ensure mysql_root_password "${MYSQL_ROOT_PASSWORD:-}" "$(random_hex)"
ensure redis_password "${REDIS_PASSWORD:-}" "$(random_hex)"
ensure jwt_secret "${JWT_SECRET:-}" "$(random_hex)"
ensure billing_encryption_key "${BILLING_ENCRYPTION_KEY:-}" "$(head -c 32 /dev/urandom | base64)"
# The bearer token Prometheus sends for GET /metrics (docs/security.md, "Metrics endpoint").
ensure metrics_token "${METRICS_TOKEN:-}" "$(random_hex)"
# The OpenID Connect client secret (docs/identity.md); empty: none (a public client or no OIDC).
if [ -n "${OIDC_CLIENT_SECRET:-}" ] || [ ! -e "$dir/oidc_client_secret" ]; then
  write oidc_client_secret "${OIDC_CLIENT_SECRET:-}"
fi

# The S3 secret key of the screenshot bucket (docs/screenshots.md); empty: screenshots on /data.
if [ -n "${SCREENSHOTS_S3_SECRET_ACCESS_KEY:-}" ] || [ ! -e "$dir/screenshots_s3_secret_access_key" ]; then
  write screenshots_s3_secret_access_key "${SCREENSHOTS_S3_SECRET_ACCESS_KEY:-}"
fi

# Read replicas' URLs, comma-separated (docs/scaling.md, "Read replicas"); empty: none.
if [ -n "${DATABASE_REPLICA_URLS:-}" ] || [ ! -e "$dir/database_replica_urls" ]; then
  write database_replica_urls "${DATABASE_REPLICA_URLS:-}"
fi

write database_url "mysql://calltimex:$(cat "$dir/mysql_password")@mysql:3306/calltimex"
write redis_url "redis://:$(cat "$dir/redis_password")@redis:6379"

if [ -n "$smtp_url" ]; then
  if ! [[ "$smtp_url" =~ ^smtps?://[^[:space:]]+$ ]]; then
    echo "error: the SMTP URL must look like smtp://user:password@relay.example.com:587" >&2
    exit 1
  fi
  write smtp_url "$smtp_url"
  echo "wrote $dir/smtp_url"
elif [ ! -s "$dir/smtp_url" ]; then
  echo "error: no mail relay yet: --smtp-url 'smtp://user:password@relay.example.com:587'," >&2
  echo "       or --trial for the mail catcher of a trial (docker compose --profile trial up -d)" >&2
  exit 1
fi
if [ "$(cat "$dir/smtp_url")" = smtp://mailpit:1025 ]; then
  echo "note: mail goes to the trial's catcher; start with: docker compose --profile trial up -d"
fi
