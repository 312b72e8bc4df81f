# syntax=docker/dockerfile:1
# Warmline's image. The build stage compiles TypeScript and the two web apps (npm run build) and
# drops the development packages; the runtime stage holds only what `node dist/index.js` reads
# (dist/, content/, the Web Chat page, production node_modules) and runs as the unprivileged `node`
# user. Settings come from the environment (.env.example lists them all; .env is not copied in).

# Node 20, the version the project is developed and tested on.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# A compiler for better-sqlite3, used only when no prebuilt binary fits this Node version and platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# tsx, vite and the rest of devDependencies are needed to build, never to run: dist/ imports none of them.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# A 384 MB old-generation heap: an instance lives on about 110 MB of heap with 10,000 conversations,
# and without a limit V8 lets garbage pile up to 600-700 MB of RSS before collecting. Raise it for a
# knowledge base of many thousand entries. The limit alone also makes V8 collect the whole heap
# every second or so under load, which is what set p99 over 100 ms: --heap-growing-percent=200 (in
# CMD below; NODE_OPTIONS does not take it) lets the heap grow to three times what a collection
# leaves before the next one (docs/BENCHMARKS.md, "sixth pass").
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    NODE_OPTIONS=--max-old-space-size=384
WORKDIR /app
# Owned by root and read-only to the app: content/ is the seed that is published into the store.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/content ./content
COPY --from=build /app/web/index.html /app/web/app.js /app/web/app.css ./web/
# The English word vectors (a 300 MB JSON file) are parsed once here into the binary cache that
# knowledge/wordVectors.ts keeps in the temporary folder (/tmp), so an instance starts reading
# 11 MB instead of parsing 300 MB; the Chinese ones are built here from the dictionary glosses
# (knowledge/chineseWordVectors.ts, about 4 s and 200 MB more memory) for the same reason. Without
# this the first start of each container builds and caches both.
RUN node -e "process.exit(require('./dist/knowledge/wordVectors').loadWordVectors() && require('./dist/knowledge/chineseWordVectors').loadChineseWordVectors() ? 0 : 1)" \
 && ls /tmp/warmline-word-vectors-*.bin /tmp/warmline-zh-vectors-*.bin \
 && chmod a+r /tmp/warmline-word-vectors-*.bin /tmp/warmline-zh-vectors-*.bin \
 && mkdir -p /app/data && chown node:node /app/data
# The SQLite file (SQLITE_PATH, ./data/warmline.db) when the store is not Redis: mount a volume here.
USER node
EXPOSE 3978
# Liveness: the process answers. Load balancers should use GET /readyz (storage reachable, not stopping).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Not `npm start`: its prestart would build again. Node gets SIGTERM directly and drains (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "--heap-growing-percent=200", "--enable-source-maps", "dist/index.js"]
