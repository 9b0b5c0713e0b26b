#!/usr/bin/env bash
# npm run test:deploy: the production compose stack up for real (tests/stack/compose-stack.test.ts).
# Needs a Docker Engine: as root, deploy/offline-images/build.sh --daemon-only installs docker.io
# and starts dockerd (vfs storage driver) when `docker info` does not answer. On a machine without
# an image registry (as here), the images the compose file names are built locally first by
# deploy/offline-images/build.sh; images already there are kept.
# Exit codes: 0 passed, 1 failed, 3 skipped (no Docker Engine can be reached or started).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! deploy/offline-images/build.sh --daemon-only; then
    echo "== SKIPPED: no Docker Engine answers (docker info) and none could be started here"
    exit 3
  fi
fi

# The images of the services the test starts (the monitoring profile is not started: Grafana is
# not a Debian package, see docs/deployment.md "Images without a registry").
missing=()
for pair in node=node:20-bookworm-slim postgres=postgres:16 redis=redis:7-alpine caddy=caddy:2; do
  name="${pair%%=*}"
  image="${pair#*=}"
  docker image inspect "$image" >/dev/null 2>&1 && continue
  if timeout 60 docker pull -q "$image" >/dev/null 2>&1; then
    echo "== pulled $image"
  else
    missing+=("$name")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== no registry has ${missing[*]}: building local stand-ins (deploy/offline-images/build.sh ${missing[*]})"
  deploy/offline-images/build.sh "${missing[@]}"
fi

exec npx vitest run --config tests/stack/vitest.config.ts
