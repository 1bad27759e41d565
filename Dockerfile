# syntax=docker/dockerfile:1
# The hub's image, built in stages so that what runs carries only compiled JavaScript and production
# dependencies. Two targets, one per process: `hub-worker` and `hub-api` (see docker-compose.yml).

# Node 20, the line package.json supports, on Debian (glibc) rather than Alpine: the Temporal core
# bridge and better-sqlite3 ship prebuilt native binaries for glibc.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Compilers, for a native module whose prebuilt binary does not match the platform (better-sqlite3
# then builds from source). They stay in this stage.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# tsc (tsconfig.build.json) compiles workers/main.ts and api/main.ts to dist/; fail here rather
# than at start-up if an entry point or the ERP's WSDL (copied by the build script) is missing.
# Then drop the dev dependencies.
RUN npm run build \
  && test -f dist/workers/main.js \
  && test -f dist/connectors/erp-soap/wsdl/hirebridge-erp.wsdl \
  && test -f dist/api/main.js \
  && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Not root: nothing here needs to write outside /tmp.
USER node

FROM runtime AS hub-worker
CMD ["node", "dist/workers/main.js"]

# Last, so a plain `docker build .` gives the API.
FROM runtime AS hub-api
ENV PORT=3000
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
