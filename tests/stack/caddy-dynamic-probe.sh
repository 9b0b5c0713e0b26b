#!/usr/bin/env bash
# Does the caddy:2 image here apply active health checks (health_uri) to `dynamic a` upstreams,
# as deploy/caddy/Caddyfile uses them? Prints, for each proxy configuration, the statuses of 12
# POSTs sent one after another through it to three addresses of one name, one of them dead:
#
#   dynamic a, passive checks only      the Caddyfile before: fail_duration 10s, lb_try_duration 5s
#   dynamic a + health_uri              the same with health_uri / and health_interval 1s
#   static upstreams + health_uri       the three addresses listed, with the same active checks
#
# A configuration whose health checks work answers 200 to every POST once the first check has
# run (3 s after the start). Everything runs in containers without a network (the backends are
# Caddy sites on 127.0.0.1 and 127.0.0.2 inside the proxy's container; 127.0.0.3 is the dead
# one; the name `replicas` resolves to all three through /etc/hosts, as Docker's DNS resolves a
# compose service to its replicas); nothing listens on the host. Needs a Docker Engine and the
# images caddy:2 and node:20-bookworm-slim (tests/stack/run.sh builds both when missing).
# Usage: bash tests/stack/caddy-dynamic-probe.sh [image, default caddy:2]
set -euo pipefail
image="${1:-caddy:2}"
client=node:20-bookworm-slim
dir="$(mktemp -d)"
containers=()
cleanup() {
  for id in "${containers[@]}"; do docker rm -f -v "$id" >/dev/null 2>&1 || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# $1 file name, $2 the reverse_proxy block's lines.
caddyfile() {
  cat >"$dir/$1" <<EOF
{
	admin off
	auto_https off
}
http://127.0.0.1:9001 {
	bind 127.0.0.1
	respond "one" 200
}
http://127.0.0.2:9001 {
	bind 127.0.0.2
	respond "two" 200
}
http://127.0.0.1:8080 {
	bind 127.0.0.1
	reverse_proxy {
$2
	}
}
EOF
}
dynamic='		dynamic a {
			name replicas
			port 9001
			refresh 10s
		}
		lb_policy round_robin
		lb_try_duration 5s
		fail_duration 10s'
active='		health_uri /
		health_interval 1s'
caddyfile dynamic-passive "$dynamic"
caddyfile dynamic-active "$dynamic
$active"
caddyfile static-active "		to replicas1:9001 replicas2:9001 replicas3:9001
		lb_policy round_robin
		lb_try_duration 5s
		fail_duration 10s
$active"

# Twelve POSTs one after another, once the proxy answers and 3 s have passed (health checks).
post='const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const post = () => fetch("http://127.0.0.1:8080/", { method: "POST", body: "{}", signal: AbortSignal.timeout(10000) }).then((r) => r.status, () => 0);
(async () => {
  for (let i = 0; i < 50 && (await post()) === 0; i++) await sleep(200);
  await sleep(3000);
  const codes = [];
  for (let i = 0; i < 12; i++) codes.push(await post());
  console.log(codes.join(" ") + "  (" + codes.filter((c) => c !== 200).length + " of 12 failed)");
})();'

echo "Caddy $(docker run --rm "$image" caddy version | cut -d' ' -f1), one dead address of three:"
for variant in dynamic-passive dynamic-active static-active; do
  id="$(docker run -d --network none \
    --add-host replicas:127.0.0.1 --add-host replicas:127.0.0.2 --add-host replicas:127.0.0.3 \
    --add-host replicas1:127.0.0.1 --add-host replicas2:127.0.0.2 --add-host replicas3:127.0.0.3 \
    -v "$dir:/p:ro" "$image" caddy run --adapter caddyfile --config "/p/$variant")"
  containers+=("$id")
  printf '  %-16s %s\n' "$variant" "$(timeout 120 docker run --rm --network "container:$id" "$client" node -e "$post")"
  docker rm -f -v "$id" >/dev/null
done
