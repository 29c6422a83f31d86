# Shopper Spectrum: one runtime image, two targets that share every layer but the last.
#   docker build --target api -t shopper-spectrum:api .          the service (the default target)
#   docker build --target trainer -t shopper-spectrum:trainer .  the trainer; arguments are its flags
# docker-compose.yml builds both. Plain Dockerfile syntax (no RUN --mount, no heredocs): the legacy
# builder and docker-compose 1.29 build it as well as BuildKit does.

# ---- build: all dependencies, compile TypeScript to dist/ ----
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --no-update-notifier
COPY tsconfig.json tsconfig.build.json ./
COPY lib ./lib
COPY trainer ./trainer
COPY services ./services
COPY bench ./bench
# dist/bench is compiled (npm run build covers it) but never shipped; source maps point at .ts
# files the image does not contain.
RUN npm run build \
 && rm -rf dist/bench dist/.tsbuildinfo \
 && find dist -name '*.map' -delete
# The data's attribution, cut from the README's section so there is one source for it (after the
# build, so editing the README does not recompile).
COPY README.md ./
RUN sed -n '/^## Data and attribution/,/^## /p' README.md | sed '$d' > ATTRIBUTION.md \
 && grep -q 'CC BY 4.0' ATTRIBUTION.md

# ---- deps: production dependencies only (none has an install script) ----
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier \
 && npm cache clean --force

# ---- runtime: what both targets ship ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    ARTIFACTS_DIR=/artifacts
WORKDIR /app
# owned by root and read-only for the node user: the process can change nothing but /artifacts
COPY --from=deps /app/node_modules ./node_modules
# package.json: the version the API reports, and how the code finds its root (lib/project-root.ts)
COPY package.json ./
COPY --from=build /src/dist ./dist
# the bundled UCI Online Retail data (CC BY 4.0) with its attribution, the trainer's default input
COPY data/online_retail.csv.gz ./data/
COPY --from=build /src/ATTRIBUTION.md ./data/ATTRIBUTION.md
# the web page served at / (plain files, no build step)
COPY services/public ./services/public
# the SQL --aggregate-in-database runs in PostgreSQL (read at run time, as the data file is)
COPY trainer/aggregates/sql/aggregates.sql ./trainer/aggregates/sql/
# A new named volume takes this directory's owner, so the node user can publish into it.
RUN mkdir /artifacts && chown node:node /artifacts
VOLUME /artifacts
USER node

# ---- trainer: `docker run --rm -v models:/artifacts shopper-spectrum:trainer --k 5 --seed 7` ----
FROM runtime AS trainer
ENTRYPOINT ["node", "dist/trainer/cli.js"]
CMD []

# ---- api (last, so a plain `docker build .` gives the service) ----
FROM runtime AS api
ENV PORT=3000
EXPOSE 3000
# no curl in the slim image: Node's fetch. 503 (no model yet) counts as unhealthy; the start
# period covers a first training when TRAIN_ON_START=true and the volume is empty.
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/services/server.js"]
