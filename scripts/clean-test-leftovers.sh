#!/usr/bin/env bash
# Removes containers, networks and volumes that tests created (they carry io.skiff.test=true) and that a
# crashed test may have left. Never touches anything else.
set -uo pipefail
docker info >/dev/null 2>&1 || exit 0
containers=$(docker ps -aq --filter label=io.skiff.test=true)
[ -n "$containers" ] && { docker rm -f $containers >/dev/null || true; }
networks=$(docker network ls -q --filter label=io.skiff.test=true)
[ -n "$networks" ] && { docker network rm $networks >/dev/null || true; }
volumes=$(docker volume ls -q --filter label=io.skiff.test=true)
[ -n "$volumes" ] && { docker volume rm -f $volumes >/dev/null || true; }
exit 0
