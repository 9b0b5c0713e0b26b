# Stand-in for caddy:2, from Debian bookworm's caddy (2.6) (build.sh beside this).
ARG BASE
FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends caddy ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /config/caddy /data/caddy /etc/caddy /usr/share/caddy \
 && printf ':80 {\n\troot * /usr/share/caddy\n\tfile_server\n}\n' > /etc/caddy/Caddyfile \
 && echo 'Caddy works (offline stand-in for caddy:2).' > /usr/share/caddy/index.html
# As the official image: config and data under /config and /data, run as root.
ENV XDG_CONFIG_HOME=/config \
    XDG_DATA_HOME=/data
VOLUME /config
VOLUME /data
EXPOSE 80 443 443/udp 2019
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
