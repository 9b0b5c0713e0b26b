# Stand-in for prom/prometheus, from Debian bookworm's prometheus (2.42) (build.sh beside this).
ARG BASE
FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends prometheus \
 && rm -rf /var/lib/apt/lists/* \
 && test -x /bin/prometheus && test -x /bin/promtool \
 && mkdir -p /etc/prometheus /prometheus \
 && chown -R nobody:nogroup /prometheus /etc/prometheus
# As the official image: user nobody, data in /prometheus, config at /etc/prometheus/prometheus.yml.
USER nobody
EXPOSE 9090
VOLUME /prometheus
WORKDIR /prometheus
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
