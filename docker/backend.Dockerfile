# syntax=docker/dockerfile:1
# The CallTimeX backend image: one image, three roles chosen by its command.
#   api (default)        docker run calltimex-local/backend
#   worker               docker run calltimex-local/backend worker
#   admin CLI            docker run --rm calltimex-local/backend cli <command>
# Build from the repository root:
#   docker build -f docker/backend.Dockerfile --build-arg VERSION=0.1.0 \
#     --build-arg NODE_IMAGE_DIGEST=sha256:<digest> -t calltimex-local/backend:0.1.0 .
# The base image is pinned by digest: NODE_IMAGE_DIGEST has no default, so a build without it fails
# instead of taking whatever the tag points at today. scripts/update-image-digests.sh resolves it.

ARG NODE_IMAGE=node:22-bookworm-slim
ARG NODE_IMAGE_DIGEST

# Only the package manifests, so the dependency layers below are rebuilt when a manifest or the
# lock file changes, not on every source edit.
FROM ${NODE_IMAGE}@${NODE_IMAGE_DIGEST} AS manifests
WORKDIR /src
COPY . .
RUN node docker/copy-manifests.mjs /manifests

# Native modules (better-sqlite3, argon2, msgpackr-extract) compile from source when no prebuilt
# binary fits, hence the toolchain.
FROM ${NODE_IMAGE}@${NODE_IMAGE_DIGEST} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Everything needed to compile: dev dependencies of the backend and, when it exists, the console.
# --ignore-scripts: the root `prepare` script would build before the sources are here, and
# other workspaces' install scripts (the agent's Electron download) have no place in a server image.
# esbuild (the console's bundler) is the one allowed install script this stage needs.
FROM toolchain AS build-deps
COPY --from=manifests /manifests/ ./
RUN set -eu; \
    workspaces="-w backend"; \
    if [ -f frontend/package.json ]; then workspaces="$workspaces -w frontend"; fi; \
    npm ci --ignore-scripts --include-workspace-root=false $workspaces; \
    if [ -d node_modules/esbuild ]; then npm rebuild esbuild; fi

FROM build-deps AS build
COPY . .
# The console (frontend/) is built when present; the api serves frontend/dist as static files.
# The empty directory keeps the COPY in the runtime stage valid before the console exists.
RUN set -eu; \
    npm run build -w backend; \
    if [ -f frontend/package.json ]; then npm run build -w frontend; fi; \
    mkdir -p frontend/dist

# Production dependencies only: a fresh `npm ci --omit=dev` for the backend workspace (smaller and
# more predictable than pruning the build tree), then the install scripts of the native modules
# the root package.json allows.
FROM toolchain AS prod-deps
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --include-workspace-root=false -w backend \
 && npm rebuild better-sqlite3 argon2 msgpackr-extract \
 && npm cache clean --force

# The headless Linux agent the api offers at /api/v1/agent/downloads (and install.sh installs):
# the CLI bundled by esbuild, better-sqlite3 compiled here, and this image's Node.js as its runtime,
# so the bundle is for the architecture the image is built for (docs/agent-rollout.md).
FROM toolchain AS agent-bundle
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --include-workspace-root=false -w agent \
 && npm rebuild better-sqlite3 esbuild
COPY agent ./agent
RUN node agent/scripts/bundle.mjs

FROM ${NODE_IMAGE}@${NODE_IMAGE_DIGEST} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="CallTimeX backend" \
      org.opencontainers.image.description="CallTimeX api, worker and admin CLI (one image, chosen by command)" \
      org.opencontainers.image.version="${VERSION}"
# tini reaps zombies and forwards SIGTERM so the api and worker shut down gracefully.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Application files stay owned by root: the runtime user can read them, not change them.
COPY --from=prod-deps /app/ ./
COPY --from=build /app/backend/dist ./backend/dist
COPY --from=build /app/frontend/dist ./frontend/dist
COPY --from=agent-bundle /app/agent/dist/bundle ./agent/dist/bundle
COPY docker/entrypoint.sh docker/healthcheck.mjs ./docker/
RUN mkdir -p /data && chown 1000:1000 /data && chmod 0750 /data
# uid 1000 is the image's `node` user; numeric so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
VOLUME ["/data"]
# 3000: the api; 3001: the worker's health probe (GET /health).
EXPOSE 3000 3001
# The api: GET /api/v1/health; a worker: GET :$WORKER_HEALTH_PORT/health (docker/healthcheck.mjs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/app/docker/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--", "/app/docker/entrypoint.sh"]
CMD ["api"]
