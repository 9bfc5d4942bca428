# syntax=docker/dockerfile:1
# Caddy for the compose profile `tls`, as an unprivileged user. Build context: docker/.
#   docker compose --profile tls build caddy
# The base image is pinned by digest (scripts/update-image-digests.sh writes CADDY_IMAGE_DIGEST).
ARG CADDY_IMAGE=caddy:2.8
ARG CADDY_IMAGE_DIGEST
FROM ${CADDY_IMAGE}@${CADDY_IMAGE_DIGEST}
# The stock binary carries the file capability cap_net_bind_service=+ep. Under cap_drop: [ALL] the
# kernel refuses to exec such a binary (EPERM), and Caddy no longer needs it: it listens on 8080 and
# 8443 (docker/Caddyfile) and compose publishes 80 and 443 to them.
# Certificates and state go to /data and /config (named volumes, initialised from these dirs).
RUN setcap -r /usr/bin/caddy \
 && mkdir -p /data/caddy /config/caddy \
 && chown -R 1000:1000 /data /config
USER 1000:1000
EXPOSE 8080 8443
