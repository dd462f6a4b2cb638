# The Switchyard gateway: `switchyard serve` on port 4000, the config at /etc/switchyard/switchyard.yaml, secrets from
# the environment (${NAME} in the config), the SQLite ledger (when the config sets none) on the /var/lib/switchyard volume.
#   docker build -t switchyard .        (or: podman build --format docker -t switchyard .)
#   docker run -p 4000:4000 -v ./switchyard.yaml:/etc/switchyard/switchyard.yaml:ro -e OPENAI_API_KEY -e GATEWAY_KEY switchyard
# Classic Dockerfile syntax only (no BuildKit features), so that it builds with docker, podman and buildah alike.

# 1. Build dist/ exactly as `npm run build` does (scripts/build.ts: declarations from tsc, the JavaScript bundled by
#    rolldown). Dev dependencies, no install scripts: only the compiler and the bundler are needed.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
RUN node scripts/build.ts

# 2. Production dependencies only.
FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. The runtime: Node, the compiled package and its dependencies, as the unprivileged `node` user (uid 1000).
FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN chmod 755 dist/src/cli/main.js \
 && ln -s /app/dist/src/cli/main.js /usr/local/bin/switchyard \
 && mkdir -p /etc/switchyard /var/lib/switchyard \
 && chown node:node /var/lib/switchyard
USER node
VOLUME ["/var/lib/switchyard"]
EXPOSE 4000
# Set SWITCHYARD_HEALTHCHECK_URL too when you change --port.
ENV SWITCHYARD_HEALTHCHECK_URL=http://127.0.0.1:4000/healthz
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.SWITCHYARD_HEALTHCHECK_URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (gateway.drainMs, default 30 s): give `docker stop` a longer timeout (`-t 40`).
STOPSIGNAL SIGTERM
ENTRYPOINT ["switchyard", "serve"]
CMD ["--config", "/etc/switchyard/switchyard.yaml", "--host", "0.0.0.0", "--port", "4000", "--data-dir", "/var/lib/switchyard"]
