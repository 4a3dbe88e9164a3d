#!/usr/bin/env bash
# Builds the images the tests use from the static busybox, FROM scratch: no registry is needed (or reachable).
#   skiff-test/web:v1, :v2    httpd on 8080; / names its version, /healthz answers 200, /cgi-bin/host the hostname
#   skiff-test/web-unhealthy:v1  httpd on 8080 whose /healthz is missing (404), for failing probes
#   skiff-test/tools:v1       sh, wget, nc, sleep; waits by default
#   skiff-test/grpc-health:v1 a gRPC health server (grpc.health.v1, @grpc/grpc-js + grpc-health-check on this host's
#                             node and its shared libraries): `grpc-health PORT [SERVICE=STATUS ...]`, default
#                             "=SERVING" (the whole server)
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

# The gRPC health server: this host's node binary and the shared libraries ldd lists, the two gRPC packages and
# their dependencies from node_modules, and a 20-line server. No busybox: it runs node as PID 1.
grpc_health() {
  local image=skiff-test/grpc-health:v1 node_bin hash root
  root=$(readlink -f node_modules)
  node_bin=$(readlink -f "$(command -v node)")
  hash=$( (cat "$0"; "$node_bin" --version; cat "$root/@grpc/grpc-js/package.json" "$root/grpc-health-check/package.json") | sha256sum | cut -c1-16)
  if [ "$(docker image inspect -f '{{index .Config.Labels "io.skiff.test.hash"}}' "$image" 2>/dev/null)" = "$hash" ]; then
    return
  fi
  local g="$ctx/grpc" dir lib
  mkdir -p "$g/rootfs/app/node_modules" "$g/rootfs/usr/bin"
  cp "$node_bin" "$g/rootfs/usr/bin/node"
  for lib in $(ldd "$node_bin" | grep -o '/[^ ]*'); do
    mkdir -p "$g/rootfs$(dirname "$lib")"
    cp -L "$lib" "$g/rootfs$lib"
  done
  # The packages' runtime dependency closure, resolved the way node resolves them.
  "$node_bin" -e '
    const path = require("path"), fs = require("fs"), seen = new Set();
    const walk = (name, from) => {
      // by directory, not require.resolve: a package whose "exports" hide package.json must still be found
      const p = require("module")._nodeModulePaths(from)
        .map((d) => path.join(d, name, "package.json"))
        .find((f) => fs.existsSync(f));
      if (!p) return;
      const dir = fs.realpathSync(path.dirname(p));
      if (seen.has(dir)) return;
      seen.add(dir);
      for (const d of Object.keys(require(p).dependencies || {})) if (!d.startsWith("@types/")) walk(d, dir);
    };
    walk("@grpc/grpc-js", process.cwd());
    walk("grpc-health-check", process.cwd());
    const root = path.resolve(process.argv[1]);
    for (const dir of seen) console.log(path.relative(root, dir));
  ' "$root" | while read -r dir; do
    mkdir -p "$g/rootfs/app/node_modules/$(dirname "$dir")"
    cp -rL "$root/$dir" "$g/rootfs/app/node_modules/$dir"
  done
  cat >"$g/rootfs/app/grpc-health.js" <<'JS'
const { Server, ServerCredentials } = require('@grpc/grpc-js');
const { HealthImplementation } = require('grpc-health-check');
const [port = '50051', ...pairs] = process.argv.slice(2);
const statuses = Object.fromEntries((pairs.length ? pairs : ['=SERVING']).map((p) => p.split('=')));
const server = new Server();
new HealthImplementation(statuses).addToServer(server);
server.bindAsync(`0.0.0.0:${port}`, ServerCredentials.createInsecure(), (err) => {
  if (err) throw err;
  console.log(`grpc health on ${port}: ${JSON.stringify(statuses)}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
JS
  printf '%s\n' "FROM scratch" "COPY rootfs/ /" "ENTRYPOINT [\"/usr/bin/node\", \"/app/grpc-health.js\"]" \
    "LABEL io.skiff.test=true io.skiff.test.hash=$hash" >"$g/Dockerfile"
  if ! DOCKER_BUILDKIT=0 docker build -q -t "$image" "$g" >"$ctx/build.log" 2>&1; then
    cat "$ctx/build.log" >&2
    return 1
  fi
  echo "built $image"
}
grpc_health
