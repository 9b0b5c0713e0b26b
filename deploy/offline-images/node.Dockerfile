# Stand-in for node:20-bookworm-slim (build.sh beside this): Debian bookworm minbase with this
# machine's Node 20 copied in (bookworm's own nodejs package is 18, too old for engines >=20.12).
ARG BASE
FROM ${BASE}
ARG NODE_VERSION
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
# The machine's CA bundle: HTTPS to the npm registry goes through a proxy whose authority is in
# it, so `npm ci` in a build would fail with SELF_SIGNED_CERT_IN_CHAIN without it.
COPY host-ca.crt /usr/local/share/offline-images/host-ca.crt
COPY node-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd -g 1000 node && useradd -u 1000 -g node -s /bin/bash -m node \
 && mkdir -p /usr/local/etc && printf 'cafile=/usr/local/share/offline-images/host-ca.crt\n' > /usr/local/etc/npmrc \
 && node --version && npm --version
ENV NODE_VERSION=${NODE_VERSION} \
    NODE_EXTRA_CA_CERTS=/usr/local/share/offline-images/host-ca.crt
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
