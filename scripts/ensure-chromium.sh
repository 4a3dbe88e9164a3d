#!/usr/bin/env bash
# The UI tests drive Debian's Chromium (never a downloaded browser). Installs it on Debian as root.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install Chromium (Debian: apt-get install chromium) to run the UI tests." >&2
  exit 1
fi
exec 9>/tmp/skiff-ensure-chromium.lock
flock 9
[ -x /usr/bin/chromium ] && exit 0
echo "ensure-chromium: installing chromium from apt" >&2
DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/tmp/skiff-apt-chromium.log 2>&1 || {
  echo "ensure-chromium: apt-get install chromium failed (see /tmp/skiff-apt-chromium.log)" >&2
  exit 1
}
