#!/bin/sh
# As the official redis image: `-x` or `x.conf` as first argument means redis-server; the server
# runs as the redis user. The official build turns protected mode off by default (the server
# is reached from other containers without a password); Debian's binary keeps it on, so it is
# turned off here unless the command says otherwise.
set -e
case "$1" in -*|*.conf) set -- redis-server "$@" ;; esac
if [ "$1" = 'redis-server' ]; then
	case " $* " in *" --protected-mode "*) ;; *) set -- "$@" --protected-mode no ;; esac
	if [ "$(id -u)" = '0' ]; then
		find . \! -user redis -exec chown redis '{}' + 2>/dev/null || true
		exec setpriv --reuid=redis --regid=redis --init-groups "$@"
	fi
fi
exec "$@"
