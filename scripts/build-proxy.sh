#!/usr/bin/env bash
# Builds the Service proxy (resources/proxy/skiff-proxy.c) as a static binary for this machine's architecture,
# into out/proxy/. Skiff puts it in a FROM-scratch image through the engine at runtime, so users need no
# registry and no compiler; building needs a C compiler with static libc (Debian: gcc and libc6-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
case "$(uname -m)" in
  x86_64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "build-proxy: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
src=resources/proxy/skiff-proxy.c
out=out/proxy/skiff-proxy-$arch
dns_src=resources/proxy/skiff-dns.c
dns_out=out/proxy/skiff-dns-$arch
[ -f "$out" ] && [ "$out" -nt "$src" ] && [ -f "$dns_out" ] && [ "$dns_out" -nt "$dns_src" ] && exit 0
if ! command -v gcc >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq gcc libc6-dev >/dev/null
  else
    echo "build-proxy: no C compiler; install gcc and static libc (Debian: apt-get install gcc libc6-dev). Services need the proxy." >&2
    exit 1
  fi
fi
mkdir -p out/proxy
gcc -static -O2 -Wall -Wextra -o "$out.tmp" "$src" -lpthread
strip "$out.tmp" 2>/dev/null || true
mv "$out.tmp" "$out"
gcc -static -O2 -Wall -Wextra -o "$dns_out.tmp" "$dns_src"
strip "$dns_out.tmp" 2>/dev/null || true
mv "$dns_out.tmp" "$dns_out"
echo "build-proxy: built $out and $dns_out"
