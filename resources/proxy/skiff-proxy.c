// skiff-proxy: the data plane of one Skiff Service. It runs in its own container on the Service's namespace
// network (where Docker's DNS gives it the Service's names) and forwards each TCP connection on a Service port
// to one ready endpoint. The routes come from a file Skiff rewrites atomically (a `..data` link swap):
//   listen <port> <none|clientip> <ip:port> <ip:port> ...
//                     a backend written <ip:port>/<weight> gets that share of connections (smooth weighted round
//                     robin, nginx's: exact over any run of picks); unweighted ones count 1. A Rollout's canary
//                     split is written this way.
//   listen <addr>:<port> ...  the same, bound to one address only (a NodePort proxy in the host's network binds
//                             127.0.0.1)
//   udp <port> ... / udp <addr>:<port> ...  the same for UDP: each client address is a flow to one endpoint (its
//                     own socket, so replies come back to that client), closed after 30 s without traffic or
//                     when its endpoint leaves the routes. Datagrams to a port with no endpoints are dropped.
//   gateway <port>    each connection first names its target, "ip:port\n"; "OK\n" comes back once connected.
//                     Skiff reaches pods through it where the host is not on the containers' network.
//   reverse <port> <control-port> <secret>   the other way, pods to Skiff: Skiff keeps idle connections open to
//                     control-port (published on the host's 127.0.0.1), each first sending "<secret>\n"; a pod's
//                     connection to <port> takes one, which gets "\n" and then carries the pod's bytes. The
//                     `kubernetes` Service reaches Skiff's API this way, with no listener outside 127.0.0.1.
// The file is re-read when it changes (checked every 100 ms); new connections use the new routes at once,
// established ones keep their backend. A port with no endpoints refuses connections (RST), as kube-proxy does.
// Built static (gcc -static) so the image is FROM scratch: no registry, no libc in the image.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 64
#define MAX_BACKENDS 256
#define BUF 65536
#define MAX_FLOWS 1024
#define UDP_IDLE_MS 30000

struct backend { struct sockaddr_in addr; int weight; int current; };
struct route {
  int port;
  struct in_addr bind_addr;
  int clientip;
  int gateway;
  int reverse;
  int control_port;
  char secret[80];
  int udp;
  unsigned generation;
  int count;
  struct backend backends[MAX_BACKENDS];
  int listen_fd;
  unsigned next;
  int active;
};

static struct route routes[MAX_PORTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const char *config_path = "/config/routes";

/* The index of the backend for a new connection or flow (lock held): by client IP or in turn, by weight. */
static int pick(struct route *r, const struct sockaddr_in *peer) {
  int count = r->count, total = 0;
  if (count == 0) return 0;
  for (int i = 0; i < count; i++) total += r->backends[i].weight;
  if (r->clientip) {
    unsigned h = ntohl(peer->sin_addr.s_addr) * 2654435761u % (unsigned)total;
    for (int i = 0; i < count; i++) {
      if (h < (unsigned)r->backends[i].weight) return i;
      h -= (unsigned)r->backends[i].weight;
    }
    return 0;
  }
  if (total == count) return (int)(r->next++ % (unsigned)count);
  int best = 0;
  for (int i = 0; i < count; i++) {
    r->backends[i].current += r->backends[i].weight;
    if (r->backends[i].current > r->backends[best].current) best = i;
  }
  r->backends[best].current -= total;
  return best;
}

static void log_line(const char *fmt, const char *a, int n) {
  fprintf(stderr, "skiff-proxy: ");
  fprintf(stderr, fmt, a, n);
  fputc('\n', stderr);
}

static int connect_timeout(const struct sockaddr_in *addr, int ms) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  int r = connect(fd, (const struct sockaddr *)addr, sizeof *addr);
  if (r < 0 && errno != EINPROGRESS) { close(fd); return -1; }
  if (r < 0) {
    struct pollfd p = {fd, POLLOUT, 0};
    if (poll(&p, 1, ms) <= 0) { close(fd); return -1; }
    int err = 0; socklen_t len = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) { close(fd); return -1; }
  }
  fcntl(fd, F_SETFL, flags);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void reset_close(int fd) {
  struct linger l = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close(fd);
}

/* Copies both ways until both sides are done; a side's EOF is passed on as a half-close. */
static void pump(int a, int b) {
  char *buf = malloc(BUF);
  struct pollfd p[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  int open_in[2] = {1, 1};
  while (open_in[0] || open_in[1]) {
    if (poll(p, 2, -1) < 0) { if (errno == EINTR) continue; break; }
    for (int i = 0; i < 2; i++) {
      if (!open_in[i] || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      int from = i ? b : a, to = i ? a : b;
      ssize_t n = read(from, buf, BUF);
      if (n <= 0) {
        open_in[i] = 0; p[i].fd = -1;
        shutdown(to, SHUT_WR);
        if (n < 0) { open_in[0] = open_in[1] = 0; }
        continue;
      }
      for (ssize_t off = 0; off < n;) {
        ssize_t w = write(to, buf + off, n - off);
        if (w <= 0) { open_in[0] = open_in[1] = 0; break; }
        off += w;
      }
    }
  }
  free(buf);
  close(a); close(b);
}

struct conn { int client; int route; struct sockaddr_in peer; };

/* Gateway mode: the first line names the target; a refusal closes the connection without a reply. */
static void serve_gateway(struct conn *c) {
  char line[64];
  size_t n = 0;
  while (n < sizeof line - 1) {
    ssize_t r = read(c->client, line + n, 1);
    if (r <= 0) { close(c->client); return; }
    if (line[n] == '\n') break;
    n++;
  }
  line[n] = 0;
  char *colon = strrchr(line, ':');
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  if (!colon) { close(c->client); return; }
  *colon = 0;
  addr.sin_port = htons(atoi(colon + 1));
  if (inet_pton(AF_INET, line, &addr.sin_addr) != 1) { close(c->client); return; }
  int upstream = connect_timeout(&addr, 2000);
  if (upstream < 0) { reset_close(c->client); return; }
  if (write(c->client, "OK\n", 3) != 3) { close(upstream); close(c->client); return; }
  pump(c->client, upstream);
}

#define MAX_IDLE 64
static int idle_fds[MAX_IDLE];
static int idle_count;
static pthread_cond_t idle_cond = PTHREAD_COND_INITIALIZER;
static char reverse_secret[80];

/* Skiff's side of reverse mode: connections that proved the secret wait here for a pod's connection. */
static void *control_loop(void *arg) {
  int fd = (int)(long)arg;
  for (;;) {
    int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0) { if (errno == EINTR || errno == ECONNABORTED) continue; usleep(10000); continue; }
    struct timeval t = {2, 0};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
    char line[80];
    size_t n = 0;
    while (n < sizeof line - 1) {
      if (read(c, line + n, 1) != 1) break;
      if (line[n] == '\n') break;
      n++;
    }
    line[n] = 0;
    pthread_mutex_lock(&lock);
    int ok = reverse_secret[0] && strcmp(line, reverse_secret) == 0 && idle_count < MAX_IDLE;
    if (ok) { idle_fds[idle_count++] = c; pthread_cond_signal(&idle_cond); }
    pthread_mutex_unlock(&lock);
    if (!ok) { close(c); continue; }
    struct timeval none = {0, 0};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);
    int one = 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  return NULL;
}

/* An idle connection from Skiff, waiting up to 5 s; one already readable was closed by Skiff and is dropped. */
static int take_idle(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 5;
  pthread_mutex_lock(&lock);
  for (;;) {
    while (idle_count > 0) {
      int fd = idle_fds[--idle_count];
      struct pollfd p = {fd, POLLIN, 0};
      if (poll(&p, 1, 0) == 0) { pthread_mutex_unlock(&lock); return fd; }
      close(fd);
    }
    if (pthread_cond_timedwait(&idle_cond, &lock, &deadline) == ETIMEDOUT) { pthread_mutex_unlock(&lock); return -1; }
  }
}

static void serve_reverse(struct conn *c) {
  int upstream = take_idle();
  if (upstream < 0) { reset_close(c->client); return; }
  if (write(upstream, "\n", 1) != 1) { close(upstream); reset_close(c->client); return; }
  pump(c->client, upstream);
}

static void *serve(void *arg) {
  struct conn *c = arg;
  if (routes[c->route].reverse) {
    serve_reverse(c);
    free(c);
    return NULL;
  }
  if (routes[c->route].gateway) {
    serve_gateway(c);
    free(c);
    return NULL;
  }
  struct backend choices[MAX_BACKENDS];
  int count, start;
  pthread_mutex_lock(&lock);
  struct route *r = &routes[c->route];
  count = r->count;
  memcpy(choices, r->backends, sizeof(struct backend) * count);
  start = pick(r, &c->peer);
  pthread_mutex_unlock(&lock);
  int upstream = -1;
  for (int i = 0; i < count && upstream < 0; i++) upstream = connect_timeout(&choices[(start + i) % count].addr, 2000);
  if (upstream < 0) { reset_close(c->client); free(c); return NULL; }
  pump(c->client, upstream);
  free(c);
  return NULL;
}

static void *accept_loop(void *arg) {
  int index = (int)(long)arg;
  int fd = routes[index].listen_fd;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 128 * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (;;) {
    struct conn *c = malloc(sizeof *c);
    socklen_t len = sizeof c->peer;
    c->client = accept4(fd, (struct sockaddr *)&c->peer, &len, SOCK_CLOEXEC);
    if (c->client < 0) { free(c); if (errno == EINTR || errno == ECONNABORTED) continue; usleep(10000); continue; }
    int one = 1;
    setsockopt(c->client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->route = index;
    pthread_t t;
    if (pthread_create(&t, &attr, serve, c) != 0) { reset_close(c->client); free(c); }
  }
  return NULL;
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

struct flow { int fd; struct sockaddr_in client; struct sockaddr_in backend; long last; };

static int same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b) {
  return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

/* One UDP Service port: datagrams from each client address go to one endpoint through a socket of their own. */
static void *udp_loop(void *arg) {
  int index = (int)(long)arg;
  int fd = routes[index].listen_fd;
  struct flow *flows = calloc(MAX_FLOWS, sizeof *flows);
  int nflows = 0;
  unsigned seen_generation = 0;
  char *buf = malloc(BUF);
  struct pollfd *p = calloc(MAX_FLOWS + 1, sizeof *p);
  for (;;) {
    long now = now_ms();
    pthread_mutex_lock(&lock);
    struct route *r = &routes[index];
    if (r->generation != seen_generation) {
      /* an endpoint that left the routes loses its flows, as kube-proxy clears their conntrack entries */
      seen_generation = r->generation;
      for (int i = 0; i < nflows; i++) {
        int kept = 0;
        for (int b = 0; b < r->count && !kept; b++) kept = same_addr(&r->backends[b].addr, &flows[i].backend);
        if (!kept) { close(flows[i].fd); flows[i].fd = -1; }
      }
    }
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < nflows; i++)
      if (flows[i].fd >= 0 && now - flows[i].last > UDP_IDLE_MS) { close(flows[i].fd); flows[i].fd = -1; }
    int live = 0;
    for (int i = 0; i < nflows; i++) if (flows[i].fd >= 0) flows[live++] = flows[i];
    nflows = live;
    p[0].fd = fd; p[0].events = POLLIN;
    for (int i = 0; i < nflows; i++) { p[i + 1].fd = flows[i].fd; p[i + 1].events = POLLIN; }
    if (poll(p, nflows + 1, 1000) <= 0) continue;
    now = now_ms();
    for (int i = 0; i < nflows; i++) {
      if (!(p[i + 1].revents & (POLLIN | POLLERR))) continue;
      ssize_t n = recv(flows[i].fd, buf, BUF, MSG_DONTWAIT);
      if (n < 0) continue; /* ICMP refused from the endpoint: the client hears nothing, as with kube-proxy */
      sendto(fd, buf, n, 0, (struct sockaddr *)&flows[i].client, sizeof flows[i].client);
      flows[i].last = now;
    }
    if (!(p[0].revents & POLLIN)) continue;
    for (int burst = 0; burst < 64; burst++) {
      struct sockaddr_in client;
      socklen_t len = sizeof client;
      ssize_t n = recvfrom(fd, buf, BUF, MSG_DONTWAIT, (struct sockaddr *)&client, &len);
      if (n < 0) break;
      struct flow *f = NULL;
      for (int i = 0; i < nflows && !f; i++) if (same_addr(&flows[i].client, &client)) f = &flows[i];
      if (!f) {
        if (nflows >= MAX_FLOWS) continue;
        struct sockaddr_in backend;
        pthread_mutex_lock(&lock);
        struct route *r = &routes[index];
        int count = r->count;
        if (count) {
          backend = r->backends[pick(r, &client)].addr;
        }
        pthread_mutex_unlock(&lock);
        if (!count) continue;
        int up = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (up < 0) continue;
        if (connect(up, (struct sockaddr *)&backend, sizeof backend) < 0) { close(up); continue; }
        f = &flows[nflows++];
        f->fd = up;
        f->client = client;
        f->backend = backend;
      }
      f->last = now;
      send(f->fd, buf, n, MSG_DONTWAIT);
    }
  }
  return NULL;
}

static int listen_udp(struct in_addr bind_addr, int port) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = bind_addr;
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
    log_line("cannot listen on UDP port %s%d", "", port);
    close(fd);
    return -1;
  }
  return fd;
}

static int listen_on(struct in_addr bind_addr, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr = bind_addr;
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 1024) < 0) {
    log_line("cannot listen on port %s%d", "", port);
    close(fd);
    return -1;
  }
  return fd;
}

/* Reads the routes file; ports stay listening once opened (a port that leaves the file gets no backends). */
static void reload(void) {
  FILE *f = fopen(config_path, "r");
  if (!f) return;
  struct route next[MAX_PORTS];
  int n = 0;
  char line[16384];
  while (fgets(line, sizeof line, f) && n < MAX_PORTS) {
    char *save = NULL;
    char *word = strtok_r(line, " \t\n", &save);
    if (!word || (strcmp(word, "listen") != 0 && strcmp(word, "gateway") != 0 && strcmp(word, "udp") != 0 &&
                  strcmp(word, "reverse") != 0))
      continue;
    struct route *r = &next[n];
    memset(r, 0, sizeof *r);
    r->udp = strcmp(word, "udp") == 0;
    if (strcmp(word, "reverse") == 0) {
      char *port = strtok_r(NULL, " \t\n", &save);
      char *control = strtok_r(NULL, " \t\n", &save);
      char *secret = strtok_r(NULL, " \t\n", &save);
      if (!port || !control || !secret || strlen(secret) >= sizeof r->secret) continue;
      r->port = atoi(port);
      r->control_port = atoi(control);
      strcpy(r->secret, secret);
      r->reverse = 1;
      r->bind_addr.s_addr = htonl(INADDR_ANY);
      n++;
      continue;
    }
    if (strcmp(word, "gateway") == 0) {
      char *port = strtok_r(NULL, " \t\n", &save);
      if (!port) continue;
      r->port = atoi(port);
      r->gateway = 1;
      n++;
      continue;
    }
    char *port = strtok_r(NULL, " \t\n", &save);
    char *affinity = strtok_r(NULL, " \t\n", &save);
    if (!port || !affinity) continue;
    r->bind_addr.s_addr = htonl(INADDR_ANY);
    char *at = strrchr(port, ':');
    if (at) {
      *at = 0;
      if (inet_pton(AF_INET, port, &r->bind_addr) != 1) continue;
      port = at + 1;
    }
    r->port = atoi(port);
    r->clientip = strcmp(affinity, "clientip") == 0;
    while ((word = strtok_r(NULL, " \t\n", &save)) && r->count < MAX_BACKENDS) {
      int weight = 1;
      char *slash = strchr(word, '/');
      if (slash) {
        *slash = 0;
        weight = atoi(slash + 1);
        if (weight <= 0) continue;
      }
      char *colon = strrchr(word, ':');
      if (!colon) continue;
      *colon = 0;
      r->backends[r->count].weight = weight;
      r->backends[r->count].current = 0;
      struct sockaddr_in *a = &r->backends[r->count].addr;
      memset(a, 0, sizeof *a);
      a->sin_family = AF_INET;
      a->sin_port = htons(atoi(colon + 1));
      if (inet_pton(AF_INET, word, &a->sin_addr) == 1) r->count++;
    }
    n++;
  }
  fclose(f);
  pthread_mutex_lock(&lock);
  for (int i = 0; i < MAX_PORTS; i++) if (routes[i].active) routes[i].count = 0;
  for (int j = 0; j < n; j++) {
    int slot = -1, free_slot = -1;
    for (int i = 0; i < MAX_PORTS; i++) {
      if (routes[i].active && routes[i].port == next[j].port && routes[i].udp == next[j].udp) slot = i;
      if (!routes[i].active && free_slot < 0) free_slot = i;
    }
    if (slot < 0 && free_slot >= 0) {
      int fd = next[j].udp ? listen_udp(next[j].bind_addr, next[j].port) : listen_on(next[j].bind_addr, next[j].port);
      if (fd < 0) continue;
      slot = free_slot;
      routes[slot].active = 1;
      routes[slot].port = next[j].port;
      routes[slot].udp = next[j].udp;
      routes[slot].listen_fd = fd;
      if (next[j].reverse) {
        int control = listen_on(next[j].bind_addr, next[j].control_port);
        if (control >= 0) {
          pthread_t c;
          pthread_create(&c, NULL, control_loop, (void *)(long)control);
          pthread_detach(c);
        }
      }
      pthread_t t;
      pthread_create(&t, NULL, next[j].udp ? udp_loop : accept_loop, (void *)(long)slot);
      pthread_detach(t);
    }
    if (slot < 0) continue;
    routes[slot].clientip = next[j].clientip;
    routes[slot].gateway = next[j].gateway;
    routes[slot].reverse = next[j].reverse;
    if (next[j].reverse) strcpy(reverse_secret, next[j].secret);
    routes[slot].count = next[j].count;
    memcpy(routes[slot].backends, next[j].backends, sizeof(struct backend) * next[j].count);
  }
  for (int i = 0; i < MAX_PORTS; i++) routes[i].generation++;
  pthread_mutex_unlock(&lock);
}

int main(int argc, char **argv) {
  if (argc > 1) config_path = argv[1];
  signal(SIGPIPE, SIG_IGN);
  struct timespec last = {0, 0};
  ino_t last_ino = 0;
  for (;;) {
    struct stat st;
    if (stat(config_path, &st) == 0 &&
        (st.st_ino != last_ino || st.st_mtim.tv_sec != last.tv_sec || st.st_mtim.tv_nsec != last.tv_nsec)) {
      last_ino = st.st_ino;
      last = st.st_mtim;
      reload();
    }
    usleep(100 * 1000);
  }
}
