# syntax=docker/dockerfile:1
# quiz-agent's production image. There is no build step: tsx, a runtime dependency, runs the
# TypeScript sources (what `npm start` does). Used by docker-compose.production.yml; the guide
# is docs/deployment.md.
#
#   docker build -t quiz-agent .
#   docker run --env-file .env -e DATABASE_URL=postgres://... -p 127.0.0.1:8000:8000 quiz-agent

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: production dependencies, installed exactly from the lockfile ----------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci's postinstall applies patches/ with patch-package (a runtime dependency, so it is
# there with --omit=dev): the patches must be in place before npm ci.
COPY patches ./patches
# package.json names the workspace packages/* (the Bot API simulator, a dev tool); packages/ is
# not in the context, so npm ci installs the bot's dependencies and links no workspace.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime: node_modules from deps, the sources, a non-root user --------------------------
# Only node_modules is taken from deps: npm's cache and logs stay behind, and a change to
# src/ reuses the dependency layer. src/ is the bot only: the simulator (packages/telegram-sim)
# and the dev tools (tools/: the demo, scratch databases) are not copied.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY patches ./patches
COPY drizzle ./drizzle
COPY locales ./locales
COPY scripts ./scripts
COPY src ./src
# The code stays root-owned and read-only to the bot. ./.data is writable only for trying the
# image without DATABASE_URL (the embedded PostgreSQL); production sets DATABASE_URL.
RUN mkdir -p .data && chown node:node .data
USER node

EXPOSE 8000
# slim has no curl: node's fetch. GET /health answers 200 when the database answers a ping
# and the outbound queue runs; 503 otherwise.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec's node, so SIGTERM from `docker stop` reaches it and the shutdown is graceful.
CMD ["scripts/start.sh"]
