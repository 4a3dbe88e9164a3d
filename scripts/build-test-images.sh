#!/usr/bin/env bash
# Builds the images the tests use from the static busybox, FROM scratch: no registry is needed (or reachable).
#   skiff-test/web:v1, :v2    httpd on 8080; / names its version, /healthz answers 200, /cgi-bin/host the hostname
#   skiff-test/web-unhealthy:v1  httpd on 8080 whose /healthz is missing (404), for failing probes
#   skiff-test/tools:v1       sh, wget, nc, sleep; waits by default
# Every image carries the label io.skiff.test=true so tests (and cleanup) can find them.
set -euo pipefail

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp /bin/busybox "$ctx/busybox"
# A CGI that answers with the container's hostname (a pod's name), so tests can tell pods apart.
printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\nhostname\n' >"$ctx/host.cgi"
chmod 755 "$ctx/host.cgi"
script_hash=$( (cat "$0"; sha256sum /bin/busybox) | sha256sum | cut -c1-16)

build() { # name tag dockerfile-body
  local image="skiff-test/$1:$2"
  if [ "$(docker image inspect -f '{{index .Config.Labels "io.skiff.test.hash"}}' "$image" 2>/dev/null)" = "$script_hash" ]; then
    return
  fi
  printf '%s\n' "FROM scratch" "COPY busybox /bin/busybox" 'RUN ["/bin/busybox", "--install", "-s", "/bin"]' 'RUN mkdir -p /tmp && chmod 1777 /tmp' \
    "LABEL io.skiff.test=true io.skiff.test.hash=$script_hash" "$3" >"$ctx/Dockerfile"
  if ! DOCKER_BUILDKIT=0 docker build -q -t "$image" "$ctx" >"$ctx/build.log" 2>&1; then
    cat "$ctx/build.log" >&2
    return 1
  fi
  echo "built $image"
}

web() { # version health-path-present
  local health='RUN mkdir -p /www && echo ok > /www/healthz'
  [ "$2" = yes ] || health='RUN mkdir -p /www'
  printf '%s\n' "$health" \
    "RUN echo '<!doctype html><title>web $1</title><h1>web $1</h1>' > /www/index.html" \
    "COPY host.cgi /www/cgi-bin/host" \
    "EXPOSE 8080" \
    'CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]'
}

build web v1 "$(web v1 yes)"
build web v2 "$(web v2 yes)"
build web-unhealthy v1 "$(web unhealthy no)"
build tools v1 'CMD ["sleep", "86400"]'
