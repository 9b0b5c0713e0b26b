#!/usr/bin/env bash
# Local stand-ins for the images docker-compose.production.yml names, for a machine where no
# image registry is reachable (only the distribution's mirror and the npm registry are). Each is
# built from Debian bookworm packages: a `debootstrap --variant=minbase` root imported with
# `docker import`, then `docker build` on top with apt-get from the mirror apt uses here. They are
# tagged with the exact names and tags the compose file uses, so compose finds them locally.
#
#   node:20-bookworm-slim    the Dockerfile's base: minbase + this machine's Node 20 + its CA bundle
#   postgres:16              Debian's postgresql-15: bookworm has PostgreSQL 15, NOT 16
#   redis:7-alpine           Debian's redis-server 7.0 (glibc, not Alpine)
#   caddy:2                  Debian's caddy 2.6
#   prom/prometheus:v2.55.1  Debian's prometheus 2.42
#   grafana/grafana:...      left out: Grafana is not a Debian package (do not enable the
#                            monitoring profile's grafana with these images)
#
# Close enough for what the compose file uses: postgres's POSTGRES_USER / POSTGRES_PASSWORD /
# POSTGRES_DB, /docker-entrypoint-initdb.d scripts and /var/lib/postgresql/data; the redis and
# caddy commands as compose gives them; prometheus's /etc/prometheus/prometheus.yml, /prometheus
# and /bin/prometheus. What differs from the official images: docs/deployment.md, "Images without
# a registry".
#
# Usage (as root; installs docker.io and debootstrap when missing, starts
# `dockerd --storage-driver=vfs` in the background when `docker info` does not answer):
#   deploy/offline-images/build.sh                 build all five (the base is reused if present)
#   deploy/offline-images/build.sh postgres redis  build only these
#   deploy/offline-images/build.sh --check         build, then check each image works
#   deploy/offline-images/build.sh --check-only    only the checks (PASS/FAIL per image)
#   deploy/offline-images/build.sh --rebuild-base  debootstrap the base again
#   deploy/offline-images/build.sh --daemon-only   only make `docker info` answer (install, start)
# Environment: MIRROR (default: the first Debian URI apt uses here), DOCKERD_LOG
# (default /var/log/dockerd-offline.log), NODE_BIN (default: `command -v node`).
#
# All traffic stays on this machine: builds use --network host (apt and npm as this machine
# reaches them); the checks use --network none or a network they create and remove, and remove
# every container they start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
COMPOSE="$REPO/docker-compose.production.yml"
BASE_TAG="offline-images/debian:bookworm-minbase"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd-offline.log}"
ALL=(node postgres redis caddy prometheus)

declare -A TAG=(
  [node]="node:20-bookworm-slim"
  [postgres]="postgres:16"
  [redis]="redis:7-alpine"
  [caddy]="caddy:2"
  [prometheus]="prom/prometheus:v2.55.1"
)
declare -A DEBIAN=(
  [node]="this machine's Node $(node --version 2>/dev/null || echo '?') on Debian bookworm minbase"
  [postgres]="Debian bookworm postgresql-15 (PostgreSQL 15, not 16)"
  [redis]="Debian bookworm redis-server 7.0"
  [caddy]="Debian bookworm caddy 2.6"
  [prometheus]="Debian bookworm prometheus 2.42"
)

log() { printf '[offline-images] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

do_build=1 do_check=0 rebuild_base=0 daemon_only=0 wanted=()
for arg in "$@"; do
  case "$arg" in
    --check) do_check=1 ;;
    --check-only) do_check=1 do_build=0 ;;
    --rebuild-base) rebuild_base=1 ;;
    --daemon-only) daemon_only=1 do_build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    node|postgres|redis|caddy|prometheus) wanted+=("$arg") ;;
    *) die "unknown argument: $arg (--help)" ;;
  esac
done
[ ${#wanted[@]} -gt 0 ] || wanted=("${ALL[@]}")

# ---- tools and daemon ---------------------------------------------------------------------------
ensure_tools() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  if [ "$do_build" = 1 ]; then command -v debootstrap >/dev/null || missing+=(debootstrap); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run as root to install them"
  log "installing ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

ensure_daemon() {
  docker info >/dev/null 2>&1 && return 0
  [ "$(id -u)" = 0 ] || die "docker info does not answer and only root can start dockerd"
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd --storage-driver=vfs (log: $DOCKERD_LOG)"
    nohup dockerd --storage-driver=vfs >>"$DOCKERD_LOG" 2>&1 &
  fi
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  die "dockerd did not answer within 60 s; see $DOCKERD_LOG"
}

# The compose file must still name these tags (or the stand-ins are built for nothing).
check_compose_tags() {
  local names
  names="$(sed -n 's/^[[:space:]]*image:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$COMPOSE")"
  for n in postgres redis caddy prometheus; do
    grep -qxF "${TAG[$n]}" <<<"$names" \
      || log "WARNING: $COMPOSE no longer names ${TAG[$n]}: update TAG[$n] in $0"
  done
  grep -q "^ARG NODE_IMAGE=${TAG[node]}\$" "$REPO/Dockerfile" \
    || log "WARNING: the Dockerfile's NODE_IMAGE is no longer ${TAG[node]}: update TAG[node] in $0"
}

# ---- base: debootstrap minbase, imported ----------------------------------------------------------
mirror() {
  if [ -n "${MIRROR:-}" ]; then echo "$MIRROR"; return; fi
  local m=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    m="$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m="$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  if [ "$rebuild_base" = 0 ] && docker image inspect "$BASE_TAG" >/dev/null 2>&1; then
    log "base $BASE_TAG present (--rebuild-base to make it again)"
    return 0
  fi
  local m rootfs t0
  m="$(mirror)"
  rootfs="$(mktemp -d /tmp/offline-images-rootfs.XXXXXX)"
  t0=$SECONDS
  log "debootstrap --variant=minbase bookworm from $m"
  debootstrap --variant=minbase bookworm "$rootfs" "$m" >"$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log" >&2; die "debootstrap failed (log: $rootfs.log)"; }
  # apt inside the images uses the same Debian sources as this machine (main, updates, security).
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
    : > "$rootfs/etc/apt/sources.list"
  else
    grep -E '^deb ' /etc/apt/sources.list | grep -E 'debian' > "$rootfs/etc/apt/sources.list" || true
  fi
  cat > "$rootfs/etc/apt/apt.conf.d/90offline-images" <<'CONF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Check-Valid-Until "false";
CONF
  # No service starts inside a build (as Debian's official image once did).
  printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"
  chmod +x "$rootfs/usr/sbin/policy-rc.d"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # mktemp -d made the directory 0700: it becomes the image's /, which every user must traverse.
  chmod 755 "$rootfs"
  tar -C "$rootfs" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' - "$BASE_TAG" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
  TIMES[base]=$((SECONDS - t0))
  log "base $BASE_TAG imported in ${TIMES[base]} s"
}

# ---- the stand-ins -------------------------------------------------------------------------------
declare -A TIMES=()

build_one() {
  local name="$1" ctx="$HERE" t0 extra=()
  t0=$SECONDS
  if [ "$name" = node ]; then
    local node_bin npm_dir
    node_bin="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
    npm_dir="$("$node_bin" "$(dirname "$node_bin")/../lib/node_modules/npm/bin/npm-cli.js" root -g 2>/dev/null)/npm"
    [ -f "$npm_dir/bin/npm-cli.js" ] || npm_dir="$(npm root -g)/npm"
    [ -x "$node_bin" ] && [ -f "$npm_dir/bin/npm-cli.js" ] || die "no node/npm on this machine"
    case "$("$node_bin" --version)" in v20.*) ;; *) log "WARNING: this machine's node is $("$node_bin" --version), not 20" ;; esac
    ctx="$(mktemp -d /tmp/offline-images-node.XXXXXX)"
    cp "$node_bin" "$ctx/node"
    cp -a "$npm_dir" "$ctx/npm"
    cp /etc/ssl/certs/ca-certificates.crt "$ctx/host-ca.crt"
    cp "$HERE/node-entrypoint.sh" "$HERE/node.Dockerfile" "$ctx/"
    extra=(--build-arg "NODE_VERSION=$("$node_bin" --version | sed 's/^v//')")
  fi
  log "building ${TAG[$name]} (${DEBIAN[$name]})"
  # The legacy builder (docker.io has no buildx); its deprecation notice is left out of the output.
  if ! DOCKER_BUILDKIT=0 docker build --network host -f "$ctx/$name.Dockerfile" --build-arg "BASE=$BASE_TAG" "${extra[@]}" \
      --label "offline-images.stand-in-for=${TAG[$name]}" \
      --label "offline-images.built-from=${DEBIAN[$name]}" \
      -t "${TAG[$name]}" "$ctx" >"/tmp/offline-images-build-$name.log" 2>&1; then
    tail -30 "/tmp/offline-images-build-$name.log" >&2
    die "docker build of ${TAG[$name]} failed (log: /tmp/offline-images-build-$name.log)"
  fi
  [ "$ctx" = "$HERE" ] || rm -rf "$ctx"
  TIMES[$name]=$((SECONDS - t0))
  log "built ${TAG[$name]} in ${TIMES[$name]} s"
}

# ---- checks --------------------------------------------------------------------------------------
RUN_ID="offline-check-$$"
NET="$RUN_ID-net"
FAILS=0
cleanup() {
  local ids
  ids="$(docker ps -aq --filter "label=offline-images.check=$RUN_ID" 2>/dev/null || true)"
  [ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1 || true
  docker network rm "$NET" >/dev/null 2>&1 || true
  [ -z "${CHECK_TMP:-}" ] || rm -rf "$CHECK_TMP"
}
pass() { printf 'PASS %-10s %s\n' "$1" "$2"; }
fail() { printf 'FAIL %-10s %s\n' "$1" "$2"; FAILS=$((FAILS + 1)); }
crun() { docker run --label "offline-images.check=$RUN_ID" "$@"; }

check_node() {
  local v t0 out
  v="$(crun --rm --network none "${TAG[node]}" node --version 2>&1)" || { fail node "node --version: $v"; return; }
  # npm ci of the project's production dependencies, through this machine's proxy and its CA.
  t0=$SECONDS
  if out="$(crun --rm --network host -v "$REPO/package.json:/src/package.json:ro" \
      -v "$REPO/package-lock.json:/src/package-lock.json:ro" "${TAG[node]}" sh -c \
      'mkdir /w && cp /src/package.json /src/package-lock.json /w/ && cd /w &&
       npm ci --omit=dev --ignore-scripts --no-audit --no-fund 2>&1 | tail -3 &&
       test -d node_modules && echo "packages: $(ls node_modules | wc -l)"' 2>&1)"; then
    pass node "node --version: $v; npm ci --omit=dev through the proxy CA in $((SECONDS - t0)) s ($(tail -1 <<<"$out"))"
  else
    fail node "npm ci: $(tail -5 <<<"$out")"
  fi
}

check_postgres() {
  local pw="check-$RANDOM-$RANDOM" out ready=0 v
  mkdir -p "$CHECK_TMP/initdb"
  cp "$REPO/deploy/postgres/init.sql" "$CHECK_TMP/initdb/10-init.sql"
  printf '#!/bin/bash\nset -e\npsql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "create table init_script_ran (at timestamptz default now()); insert into init_script_ran default values;"\n' \
    > "$CHECK_TMP/initdb/20-marker.sh"
  chmod 755 "$CHECK_TMP/initdb/20-marker.sh"
  chmod 755 "$CHECK_TMP/initdb"; chmod 644 "$CHECK_TMP/initdb/10-init.sql"
  # The compose file's environment, command and init-script mount.
  crun -d --name "$RUN_ID-pg" --network "$NET" --network-alias postgres --shm-size 256m \
    -e POSTGRES_USER=quizcheck -e "POSTGRES_PASSWORD=$pw" -e POSTGRES_DB=quizcheckdb \
    -v "$CHECK_TMP/initdb/10-init.sql:/docker-entrypoint-initdb.d/10-init.sql:ro" \
    -v "$CHECK_TMP/initdb/20-marker.sh:/docker-entrypoint-initdb.d/20-marker.sh:ro" \
    "${TAG[postgres]}" postgres -c max_connections=200 -c shared_preload_libraries=pg_stat_statements \
    -c pg_stat_statements.track=all >/dev/null
  # The compose healthcheck's command: over TCP, so the init server does not count.
  for _ in $(seq 1 60); do
    if docker exec "$RUN_ID-pg" sh -c 'pg_isready -h 127.0.0.1 -U "${POSTGRES_USER}" -d "${POSTGRES_DB}"' >/dev/null 2>&1; then ready=1; break; fi
    sleep 1
  done
  [ "$ready" = 1 ] || { fail postgres "not ready over TCP in 60 s: $(docker logs "$RUN_ID-pg" 2>&1 | tail -5)"; return; }
  # From another container, by name and password, as quiz-agent connects.
  if out="$(crun --rm --network "$NET" -e "PGPASSWORD=$pw" "${TAG[postgres]}" psql -h postgres -U quizcheck -d quizcheckdb -tA -c \
      "select current_user || ' ' || current_database() || ' ' || (select count(*) from init_script_ran) || ' ' || (select extname from pg_extension where extname = 'pg_stat_statements') || ' ' || current_setting('max_connections') || ' ' || current_setting('data_directory') || ' ' || (select count(*) >= 0 from pg_stat_statements) || ' ' || split_part(version(), ' ', 2)" 2>&1)"; then
    read -r u d marker ext maxc datadir pss v <<<"$out"
    if [ "$u $d $marker $ext $maxc $datadir" = "quizcheck quizcheckdb 1 pg_stat_statements 200 /var/lib/postgresql/data" ] && { [ "$pss" = t ] || [ "$pss" = true ]; }; then
      if crun --rm --network "$NET" -e PGPASSWORD=wrong "${TAG[postgres]}" psql -h postgres -U quizcheck -d quizcheckdb -c 'select 1' >/dev/null 2>&1; then
        fail postgres "a wrong password was accepted"
      else
        pass postgres "PostgreSQL $v (not 16): pg_isready over TCP; psql from another container as quizcheck/quizcheckdb with the password (a wrong one refused); init scripts ran (init.sql: pg_stat_statements; .sh marker); max_connections=200; data in /var/lib/postgresql/data"
      fi
    else
      fail postgres "unexpected answer: $out"
    fi
  else
    fail postgres "psql: $out"
  fi
}

check_redis() {
  local out v
  crun -d --name "$RUN_ID-redis" --network "$NET" --network-alias redis \
    "${TAG[redis]}" redis-server --save "" --appendonly no >/dev/null
  for _ in $(seq 1 20); do
    docker exec "$RUN_ID-redis" redis-cli ping >/dev/null 2>&1 && break; sleep 0.5
  done
  v="$(docker exec "$RUN_ID-redis" redis-server --version 2>&1 | sed 's/.* v=\([^ ]*\).*/\1/')" || true
  # From another container (the official image has protected mode off; ours must too).
  out="$(crun --rm --network "$NET" "${TAG[redis]}" redis-cli -h redis ping 2>&1)" || true
  if [ "$out" = PONG ]; then
    pass redis "Redis $v with compose's command (redis-server --save \"\" --appendonly no): PING from another container -> PONG; healthcheck (redis-cli ping) -> $(docker exec "$RUN_ID-redis" redis-cli ping)"
  else
    fail redis "PING from another container: $out / $(docker logs "$RUN_ID-redis" 2>&1 | tail -3)"
  fi
}

check_caddy() {
  local v out
  v="$(crun --rm --network none "${TAG[caddy]}" caddy version 2>&1 | head -1)" || true
  if ! out="$(crun --rm --network none -e QUIZ_AGENT_DOMAIN=localhost \
      -v "$REPO/deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro" "${TAG[caddy]}" \
      caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile 2>&1)"; then
    fail caddy "caddy validate of deploy/caddy/Caddyfile: $(tail -3 <<<"$out")"; return
  fi
  # The image's own command (compose gives none) with the mounted Caddyfile, as compose runs it.
  crun -d --name "$RUN_ID-caddy" --network "$NET" -e QUIZ_AGENT_DOMAIN=localhost \
    -v "$REPO/deploy/caddy/Caddyfile:/etc/caddy/Caddyfile:ro" "${TAG[caddy]}" >/dev/null
  sleep 5
  if [ "$(docker inspect -f '{{.State.Running}}' "$RUN_ID-caddy")" = true ] \
      && docker logs "$RUN_ID-caddy" 2>&1 | grep -q '"serving initial configuration"'; then
    pass caddy "caddy $v: caddy validate of deploy/caddy/Caddyfile -> Valid configuration; the image's command serves it (running after 5 s)"
  else
    fail caddy "default command with deploy/caddy/Caddyfile: $(docker logs "$RUN_ID-caddy" 2>&1 | tail -3)"
  fi
}

check_prometheus() {
  local v out
  v="$(crun --rm --network none "${TAG[prometheus]}" --version 2>&1 | head -1 | awk '{print $3}')" || true
  # Compose's entrypoint and mounts, verbatim apart from `promtool check config` first.
  crun -d --name "$RUN_ID-prom" --network "$NET" -e MONITORING_TOKEN=check-token \
    -v "$REPO/docs/monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro" \
    -v "$REPO/docs/monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro" \
    --entrypoint /bin/sh "${TAG[prometheus]}" -c \
    'printf "%s" "$MONITORING_TOKEN" > /prometheus/monitoring_token && promtool check config /etc/prometheus/prometheus.yml && exec /bin/prometheus --config.file=/etc/prometheus/prometheus.yml --storage.tsdb.path=/prometheus --storage.tsdb.retention.time=30d' >/dev/null
  for _ in $(seq 1 30); do
    docker logs "$RUN_ID-prom" 2>&1 | grep -q 'Server is ready to receive web requests' && break
    [ "$(docker inspect -f '{{.State.Running}}' "$RUN_ID-prom")" = true ] || break
    sleep 1
  done
  out="$(docker logs "$RUN_ID-prom" 2>&1)"
  if grep -q 'Server is ready to receive web requests' <<<"$out" && grep -q 'SUCCESS' <<<"$out"; then
    pass prometheus "Prometheus $v: promtool check config of docs/monitoring/prometheus.yml (+ alerts.yml) -> SUCCESS; compose's entrypoint starts the server (ready)"
  else
    fail prometheus "$(grep -E 'FAILED|error|err=' <<<"$out" | head -5)"
  fi
}

run_checks() {
  CHECK_TMP="$(mktemp -d /tmp/offline-images-check.XXXXXX)"
  chmod 755 "$CHECK_TMP"
  trap cleanup EXIT
  docker network create "$NET" >/dev/null
  for n in "${wanted[@]}"; do
    docker image inspect "${TAG[$n]}" >/dev/null 2>&1 || { fail "$n" "image ${TAG[$n]} not built"; continue; }
    "check_$n"
  done
  cleanup
  trap - EXIT
}

# ---- main ----------------------------------------------------------------------------------------
ensure_tools
ensure_daemon
[ "$daemon_only" = 0 ] || exit 0
check_compose_tags
if [ "$do_build" = 1 ]; then
  build_base
  for n in "${wanted[@]}"; do build_one "$n"; done
  echo "Built (stand-ins from Debian bookworm packages; grafana left out: not a Debian package):"
  [ -z "${TIMES[base]:-}" ] || printf '  %-26s %4s s  debootstrap minbase + docker import\n' "$BASE_TAG" "${TIMES[base]}"
  for n in "${wanted[@]}"; do printf '  %-26s %4s s  %s\n' "${TAG[$n]}" "${TIMES[$n]}" "${DEBIAN[$n]}"; done
  echo "  NOTE: postgres:16 runs PostgreSQL 15 (Debian bookworm has no 16)."
fi
if [ "$do_check" = 1 ]; then
  run_checks
  [ "$FAILS" = 0 ] || { echo "$FAILS check(s) failed"; exit 1; }
  echo "All ${#wanted[@]} checks passed."
fi
