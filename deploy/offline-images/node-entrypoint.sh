#!/bin/sh
# The official node image's docker-entrypoint.sh: a first argument that is an option, not a
# command, or a non-executable file runs under node.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
	set -- node "$@"
fi
exec "$@"
