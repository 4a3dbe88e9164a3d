#!/usr/bin/env bash
# Makes sure a Docker engine answers and a static busybox is at hand (tests build their images from it).
# Idempotent and quick when all is there. On Debian as root it installs and starts what is missing; elsewhere
# it says exactly what is missing and exits 1.
set -uo pipefail

log() { printf 'ensure-docker: %s\n' "$*" >&2; }

static_busybox() {
  [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1
}

engine_answers() {
  docker info >/dev/null 2>&1
}

can_provision() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

if engine_answers && static_busybox; then
  exit 0
fi

if ! can_provision; then
  engine_answers || log "no Docker engine answers. Install Docker (https://docs.docker.com/engine/install/) and start it, or set DOCKER_HOST."
  static_busybox || log "no static busybox at /bin/busybox (Debian/Ubuntu: apt-get install busybox-static); the test images are built from it."
  exit 1
fi

# One provisioner at a time. The lock must never reach dockerd (its fd is closed for it below): containerd's
# shims outlive the daemon and would hold it, so the next start after a daemon restart would wait forever. A
# lock held that long anyway is not worth waiting on: after 2 minutes go ahead.
exec 9>/tmp/skiff-ensure-docker.lock
flock -w 120 9 || log "another provisioner has held /tmp/skiff-ensure-docker.lock for 2 minutes; going ahead"

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
static_busybox || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from apt"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || log "apt-get update failed; trying the install anyway"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/tmp/skiff-apt.log 2>&1; then
    log "apt-get install ${missing[*]} failed (see /tmp/skiff-apt.log)"
    exit 1
  fi
fi

live_dockerd() { # a dockerd that is running, not a zombie left by a killed session
  ps -C dockerd -o stat= 2>/dev/null | grep -qv '^Z'
}

if ! engine_answers; then
  started=no
  for _ in $(seq 1 120); do
    engine_answers && break
    if ! live_dockerd && [ "$started" = no ]; then
      # A dockerd killed with its session leaves pid files behind that stop the next one from starting.
      for pidfile in /var/run/docker.pid /run/docker/containerd/containerd.pid; do
        if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then rm -f "$pidfile"; fi
      done
      # The engine must outlive whatever started it: Ctrl-C in `npm start`'s terminal, or `timeout` around a
      # test run, signals the whole process group, and a dockerd in it would stop every pod of every namespace.
      # So: the service manager where one runs, else a session of its own (setsid), stdin closed.
      if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        log "starting docker.service"
        systemctl start docker.service 9>&- || log "systemctl start docker failed; starting dockerd directly"
      fi
      if ! live_dockerd; then
        log "starting dockerd in its own session (log: /var/log/skiff-dockerd.log)"
        # Docker's default pools hold ~31 bridge networks; parallel test runs (a network per namespace per
        # instance) exhaust them. 1,024 /22s (510 pod addresses each) from one private /12 instead.
        setsid -f dockerd --default-address-pool base=10.208.0.0/12,size=22 </dev/null >/var/log/skiff-dockerd.log 2>&1 9>&-
      fi
      started=yes
    fi
    sleep 0.5
  done
  if ! engine_answers; then
    log "dockerd did not answer within 60 s; last lines of /var/log/skiff-dockerd.log:"
    tail -n 20 /var/log/skiff-dockerd.log >&2 || true
    exit 1
  fi
fi
log "Docker $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers"
