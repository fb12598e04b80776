# syntax=docker/dockerfile:1
# Finance Tracker: one image serves the GraphQL API and the built web client on one port.
# Build:  docker build -t finance-tracker:0.1.0 .
# Stages: build (toolchain for the native modules, full install, compile, prune) -> runtime
# (Node and the pruned node_modules only, run as a non-root user).

ARG NODE_IMAGE=node:22.21.1-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 and argon2 compile from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests first, so the dependency layer is reused while only source changes.
COPY package.json package-lock.json ./
# The shared package builds itself on install (its prepare script), so its source comes in with it.
COPY packages/common/package.json packages/common/tsconfig.json packages/common/
COPY packages/common/src packages/common/src
COPY server/package.json server/
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p server/node_modules web/node_modules

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/app/data
WORKDIR /app
# Code stays owned by root and read-only to the app; only DATA_DIR belongs to the app user
# (used when no DATABASE_URL / S3 is configured).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
# node_modules/@finance-tracker/common links to this workspace: the server requires its dist at run time.
COPY --from=build /app/packages/common/package.json ./packages/common/package.json
COPY --from=build /app/packages/common/dist ./packages/common/dist
COPY --from=build /app/server/package.json ./server/package.json
COPY --from=build /app/server/node_modules ./server/node_modules
COPY --from=build /app/server/dist ./server/dist
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /app/data && chown 1000:1000 /app/data
# The numeric id of the image's `node` user, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run at start-up; `node server/dist/db/migrate.js` runs them alone (Kubernetes init container).
# The heap cap of scripts/server-flags.mjs, as npm start runs it.
CMD ["node", "--max-old-space-size=192", "server/dist/main.js"]
