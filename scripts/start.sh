#!/bin/sh
# Starts quiz-agent: the Docker image's CMD, and the same command outside Docker
# (`scripts/start.sh` from the checkout, or by its path from anywhere).
#
# Why not `npm start`: npm stays in between as the parent process and does not reliably pass
# SIGTERM on to node, so `docker stop` would wait out its timeout and kill the bot without its
# graceful shutdown. `exec` replaces this shell with node: node gets the signals itself.
set -eu

# Run from the checkout: .env, ./.data (embedded PostgreSQL) and node_modules are found from there.
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "quiz-agent cannot start: node is not installed or not on PATH (Node 20.12 or newer is needed)" >&2
  exit 127
fi
if [ ! -f node_modules/tsx/package.json ]; then
  echo "quiz-agent cannot start: dependencies are missing in $(pwd): run npm ci first" >&2
  exit 1
fi

exec node --import tsx src/main.ts "$@"
