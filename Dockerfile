# syntax=docker/dockerfile:1
# Builds the support-matrix-bot image: compile TypeScript with dev dependencies, then run the compiled app on a slim Node 24 LTS image as a non-root user.

# Why bookworm-slim rather than alpine: glibc Linux is a Tier 1 Node.js platform while musl
# is "experimental", and the few MB alpine saves are not worth a second libc to debug.
# Pinned by digest, so a rebuild cannot change Node or Debian under us; the tag stays for
# people and for Renovate/Dependabot, which bump both together. Tag: node:24-bookworm-slim.
# Digest: the one public Dockerfiles and build logs pinned for that tag in July 2026 (Node
# 24.18.0); no Docker engine or registry was reachable where this was written, so it was not
# resolved here. Check it, and whether it is the multi-platform index (needed for arm64
# builds), with `docker buildx imagetools inspect node:24-bookworm-slim`, and replace it
# with the current index digest before a release.

FROM node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` runs tsc, and the sources are not copied yet (this layer is
# cached for as long as the lock file does not change).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d AS runtime
LABEL org.opencontainers.image.title="support-matrix-bot" \
      org.opencontainers.image.description="GitHub App that keeps the Kairos docs' image support matrix in step with what kairos-init's CI tests and what Kairos ships." \
      org.opencontainers.image.source="https://github.com/kairos-io/support-matrix-bot" \
      org.opencontainers.image.licenses="Apache-2.0"
# NODE_ENV also makes npm skip dev dependencies; LOG_FORMAT=json keeps Probot's pino logs
# machine-readable for the cluster's log collector. Secrets are never set here: they come
# from the environment at run time (see deploy/kubernetes/).
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run tsc, which is a dev dependency and is not installed here.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY snapshot ./snapshot
COPY app.yml ./
# Files stay owned by root, so the app cannot rewrite its own code. The numeric UID is the
# image's `node` user: Kubernetes' runAsNonRoot can only verify a number, not a name.
USER 1000:1000
EXPOSE 3000
# Slim images ship no curl or wget; Node 24's global fetch does the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# Exec form, and the base image's docker-entrypoint.sh ends in `exec "$@"`, so node itself
# is PID 1 and receives SIGTERM. PID 1 gets no default signal actions, which is fine here:
# the app installs its own SIGTERM handler (drain, then exit 0) and spawns no children, so
# no init (tini / --init) is needed to forward signals or reap zombies.
CMD ["node", "dist/app/main.js"]
