# One image for the API and the worker (the compose files and the Kubernetes manifests pick the
# command). Node 24 (the active LTS line), production dependencies only: PGlite, the Temporal test
# servers, tsx and the toolchain stay in the build stage (test/unit/production-dependencies.test.ts
# proves the entries need none of them).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# dist/: the compiled API and worker, the prebuilt workflow bundle, the migrations and seed data,
# and the web console (dist/web: static files the API serves at /).
RUN npm run build

FROM node:24-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the runtime needs builds at install (the Temporal core bridge ships
# its prebuilt library; Prisma's client is generated in the build stage).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/dist ./dist
# The API's DATA_DIR (compose mounts the `documents` volume here): a new volume takes this
# directory's owner, so the image's user may write the documents and the upload spool.
RUN mkdir -p /data && chown node:node /data
USER node
# The API's port (PORT) and the worker's probe and metrics port (WORKER_HTTP_PORT).
EXPOSE 3000 3001
# Liveness of whichever process runs: the API by default; a worker container runs
# `node dist/scripts/healthcheck.js worker` (docker-compose.yml sets it).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
# A stop lets requests and activities finish (SHUTDOWN_GRACE_SECONDS, 30 by default).
STOPSIGNAL SIGTERM
CMD ["node", "dist/api/server.js"]
