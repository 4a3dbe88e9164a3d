// skiff-dns: the cluster names Docker's embedded DNS cannot give, for one namespace network. Pods on that network
// have it as their DNS server behind Docker's own (HostConfig.Dns): Docker answers its aliases (ClusterIP
// Services' proxies, pods) and forwards every other name here. This program answers from a records file Skiff
// rewrites atomically (a `..data` link swap, re-read within 100 ms of a change):
//   a <fqdn> <ip> <ip> ...    a headless Service's ready endpoints (or a ClusterIP Service's address)
//   cname <fqdn> <target>     an ExternalName Service
// A query's name is tried as given and, outside cluster.local, as Kubernetes' search path would make it: `x` in
// this namespace, `x.ns` and `x.ns.svc` under svc.cluster.local. A CNAME's target is chased (in the records, else
// through the upstream) and its records appended, as CoreDNS does. A name in cluster.local that is not in the
// records is NXDOMAIN; any other name goes to the upstream (Docker's resolver of this container, 127.0.0.11) and
// its answer is relayed. UDP only (queries reach it through Docker's resolver, which forwards over UDP).
// Built static (gcc -static), shipped in the skiff-proxy image.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_RECORDS 4096
#define MAX_IPS 64
#define MAX_PENDING 128
#define NAME_MAX_LEN 256
#define TTL 5

struct record {
  char name[NAME_MAX_LEN];
  int cname;
  char target[NAME_MAX_LEN];
  int count;
  struct in_addr ips[MAX_IPS];
};

static struct record *records;
static int record_count;
static const char *records_path = "/config/records";
static const char *own_namespace = "default";
static struct sockaddr_in upstream;

struct pending {
  int fd;
  struct sockaddr_in client;
  unsigned char reply[512];
  int reply_len;     /* our partial answer (header + question + CNAMEs) when chasing a target, else 0 */
  unsigned short id; /* the client's query id */
  long deadline_ms;
};
static struct pending pending[MAX_PENDING];

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void reload(void) {
  FILE *f = fopen(records_path, "r");
  if (!f) return;
  int n = 0;
  static char line[8192];
  static struct record next[MAX_RECORDS];
  while (fgets(line, sizeof line, f) && n < MAX_RECORDS) {
    char *save = NULL;
    char *kind = strtok_r(line, " \t\n", &save);
    char *name = strtok_r(NULL, " \t\n", &save);
    if (!kind || !name || strlen(name) >= NAME_MAX_LEN) continue;
    struct record *r = &next[n];
    memset(r, 0, sizeof *r);
    for (size_t i = 0; name[i]; i++) r->name[i] = (char)tolower((unsigned char)name[i]);
    char *word;
    if (strcmp(kind, "cname") == 0) {
      word = strtok_r(NULL, " \t\n", &save);
      if (!word || strlen(word) >= NAME_MAX_LEN) continue;
      r->cname = 1;
      strcpy(r->target, word);
    } else if (strcmp(kind, "a") == 0) {
      while ((word = strtok_r(NULL, " \t\n", &save)) && r->count < MAX_IPS)
        if (inet_pton(AF_INET, word, &r->ips[r->count]) == 1) r->count++;
    } else {
      continue;
    }
    n++;
  }
  fclose(f);
  memcpy(records, next, sizeof(struct record) * n);
  record_count = n;
}

static struct record *find(const char *name) {
  for (int i = 0; i < record_count; i++)
    if (strcmp(records[i].name, name) == 0) return &records[i];
  return NULL;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0 && (a == b || s[a - b - 1] == '.');
}

/* The name as given, else as the pod's search path in this namespace would complete it. */
static struct record *lookup(const char *name) {
  struct record *r = find(name);
  if (r || ends_with(name, "cluster.local")) return r;
  char full[NAME_MAX_LEN * 2];
  int dots = 0;
  for (const char *p = name; *p; p++) dots += *p == '.';
  if (ends_with(name, "svc")) snprintf(full, sizeof full, "%s.cluster.local", name);
  else if (dots == 0) snprintf(full, sizeof full, "%s.%s.svc.cluster.local", name, own_namespace);
  else if (dots == 1) snprintf(full, sizeof full, "%s.svc.cluster.local", name);
  else return NULL;
  return find(full);
}

/* Reads a (possibly compressed) name at *off of msg into out (lowercase, dotted, no trailing dot). */
static int read_name(const unsigned char *msg, int len, int *off, char *out, int decompress_case) {
  int pos = *off, jumped = 0, n = 0, hops = 0;
  for (;;) {
    if (pos >= len || hops > 32) return -1;
    int l = msg[pos];
    if ((l & 0xc0) == 0xc0) {
      if (pos + 1 >= len) return -1;
      if (!jumped) *off = pos + 2;
      jumped = 1;
      pos = ((l & 0x3f) << 8) | msg[pos + 1];
      hops++;
      continue;
    }
    pos++;
    if (l == 0) break;
    if (pos + l > len || n + l + 2 >= NAME_MAX_LEN) return -1;
    if (n) out[n++] = '.';
    for (int i = 0; i < l; i++)
      out[n++] = decompress_case ? (char)tolower(msg[pos + i]) : (char)msg[pos + i];
    pos += l;
  }
  out[n] = 0;
  if (!jumped) *off = pos;
  return 0;
}

static int write_name(unsigned char *buf, int off, int cap, const char *name) {
  const char *p = name;
  while (*p) {
    const char *dot = strchr(p, '.');
    int l = dot ? (int)(dot - p) : (int)strlen(p);
    if (l == 0 || l > 63 || off + l + 1 >= cap) return -1;
    buf[off++] = (unsigned char)l;
    memcpy(buf + off, p, l);
    off += l;
    p += l + (dot ? 1 : 0);
  }
  if (off >= cap) return -1;
  buf[off++] = 0;
  return off;
}

static int put16(unsigned char *b, int off, int v) { b[off] = (unsigned char)(v >> 8); b[off + 1] = (unsigned char)v; return off + 2; }

/* Appends one RR; owner < 0 means write `owner_name` in full, else a compression pointer to it. */
static int append_rr(unsigned char *buf, int off, int cap, int owner, const char *owner_name, int type,
                     const unsigned char *rdata, int rdlen, const char *rname) {
  if (owner >= 0) {
    if (off + 2 > cap) return -1;
    off = put16(buf, off, 0xc000 | owner);
  } else if ((off = write_name(buf, off, cap, owner_name)) < 0) {
    return -1;
  }
  if (off + 10 > cap) return -1;
  off = put16(buf, off, type);
  off = put16(buf, off, 1);
  off = put16(buf, off, 0);
  off = put16(buf, off, TTL);
  int len_at = off;
  off += 2;
  if (rname) {
    if ((off = write_name(buf, off, cap, rname)) < 0) return -1;
  } else {
    if (off + rdlen > cap) return -1;
    memcpy(buf + off, rdata, rdlen);
    off += rdlen;
  }
  put16(buf, len_at, off - len_at - 2);
  return off;
}

static void set_ancount(unsigned char *buf, int n) { put16(buf, 6, n); }

static void send_reply(int sock, const struct sockaddr_in *to, const unsigned char *buf, int len) {
  sendto(sock, buf, len, 0, (const struct sockaddr *)to, sizeof *to);
}

static struct pending *new_pending(void) {
  for (int i = 0; i < MAX_PENDING; i++)
    if (pending[i].fd <= 0) return &pending[i];
  return NULL;
}

/* Sends `query` (len bytes) upstream on a fresh socket; the reply is relayed (or appended) when it comes. */
static void forward(const unsigned char *query, int len, const struct sockaddr_in *client, unsigned short id,
                    const unsigned char *partial, int partial_len) {
  struct pending *p = new_pending();
  if (!p) return;
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return;
  if (sendto(fd, query, len, 0, (struct sockaddr *)&upstream, sizeof upstream) != len) { close(fd); return; }
  p->fd = fd;
  p->client = *client;
  p->id = id;
  p->reply_len = partial_len;
  if (partial_len) memcpy(p->reply, partial, partial_len);
  p->deadline_ms = now_ms() + 4000;
}

/* Header flags of an answer: QR, AA for our own names, RD copied, RA. */
static void answer_header(unsigned char *buf, const unsigned char *query, int rcode, int authoritative) {
  memcpy(buf, query, 4);
  buf[2] = (unsigned char)(0x80 | (authoritative ? 0x04 : 0) | (query[2] & 0x01));
  buf[3] = (unsigned char)(0x80 | rcode);
  put16(buf, 4, 1);
  put16(buf, 6, 0);
  put16(buf, 8, 0);
  put16(buf, 10, 0);
}

static void handle_query(int sock, const unsigned char *q, int len, const struct sockaddr_in *client) {
  if (len < 12 || (q[2] & 0x80) || ((q[4] << 8) | q[5]) != 1) return;
  char qname[NAME_MAX_LEN];
  int off = 12;
  if (read_name(q, len, &off, qname, 1) < 0 || off + 4 > len) return;
  int qtype = (q[off] << 8) | q[off + 1];
  int qend = off + 4;
  struct record *r = lookup(qname);
  if (!r && !ends_with(qname, "cluster.local")) {
    forward(q, len, client, (unsigned short)((q[0] << 8) | q[1]), NULL, 0);
    return;
  }
  unsigned char buf[512];
  memcpy(buf + 12, q + 12, qend - 12);
  if (!r) {
    answer_header(buf, q, 3, 1);
    send_reply(sock, client, buf, qend);
    return;
  }
  answer_header(buf, q, 0, 1);
  int n = 0, out = qend, owner = 12;
  const char *owner_name = qname;
  for (int hops = 0; r && r->cname && hops < 8; hops++) {
    int next = append_rr(buf, out, sizeof buf, owner, owner_name, 5, NULL, 0, r->target);
    if (next < 0) break;
    owner = -1;
    owner_name = r->target;
    out = next;
    set_ancount(buf, ++n);
    if (qtype == 5) break;
    struct record *t = find(r->target);
    if (!t) {
      /* chase the target upstream: a query of our own for it, with the client's qtype */
      unsigned char chase[300];
      memset(chase, 0, 12);
      chase[0] = buf[0]; chase[1] = buf[1];
      chase[2] = 0x01;
      put16(chase, 4, 1);
      int c = write_name(chase, 12, sizeof chase - 4, r->target);
      if (c < 0) break;
      c = put16(chase, c, qtype);
      c = put16(chase, c, 1);
      forward(chase, c, client, (unsigned short)((q[0] << 8) | q[1]), buf, out);
      return;
    }
    r = t;
  }
  if (r && !r->cname && (qtype == 1 || qtype == 255)) {
    for (int i = 0; i < r->count; i++) {
      int next = append_rr(buf, out, sizeof buf, owner, owner_name, 1, (unsigned char *)&r->ips[i], 4, NULL);
      if (next < 0) { buf[2] |= 0x02; break; } /* TC: more addresses than fit */
      out = next;
      set_ancount(buf, ++n);
    }
  }
  send_reply(sock, client, buf, out);
}

/* An upstream reply: relayed with the client's id, or its answers appended after our CNAMEs. */
static void handle_upstream(int sock, struct pending *p) {
  unsigned char msg[4096];
  ssize_t len = recv(p->fd, msg, sizeof msg, 0);
  if (len < 12) return;
  if (!p->reply_len) {
    msg[0] = (unsigned char)(p->id >> 8);
    msg[1] = (unsigned char)p->id;
    send_reply(sock, &p->client, msg, (int)len);
  } else {
    unsigned char *buf = p->reply;
    int out = p->reply_len, n = (buf[6] << 8) | buf[7];
    int off = 12, ancount = (msg[6] << 8) | msg[7];
    char name[NAME_MAX_LEN], rname[NAME_MAX_LEN];
    if (((msg[4] << 8) | msg[5]) == 1 && read_name(msg, (int)len, &off, name, 1) == 0) off += 4;
    for (int i = 0; i < ancount && off < len; i++) {
      if (read_name(msg, (int)len, &off, name, 1) < 0 || off + 10 > len) break;
      int type = (msg[off] << 8) | msg[off + 1];
      int rdlen = (msg[off + 8] << 8) | msg[off + 9];
      int rdata = off + 10;
      if (rdata + rdlen > len) break;
      int next = -1;
      if (type == 1 || type == 28) {
        next = append_rr(buf, out, sizeof p->reply, -1, name, type, msg + rdata, rdlen, NULL);
      } else if (type == 5) {
        int roff = rdata;
        if (read_name(msg, (int)len, &roff, rname, 1) == 0)
          next = append_rr(buf, out, sizeof p->reply, -1, name, type, NULL, 0, rname);
      }
      off = rdata + rdlen;
      if (next < 0) continue;
      out = next;
      set_ancount(buf, ++n);
    }
    buf[3] = (unsigned char)((buf[3] & 0xf0) | (msg[3] & 0x0f)); /* the target's rcode (NXDOMAIN ...) */
    buf[2] &= (unsigned char)~0x04;                               /* the chased part is not ours */
    send_reply(sock, &p->client, buf, out);
  }
  close(p->fd);
  p->fd = 0;
}

int main(int argc, char **argv) {
  if (argc > 1) records_path = argv[1];
  if (argc > 2) own_namespace = argv[2];
  records = calloc(MAX_RECORDS, sizeof *records);
  upstream.sin_family = AF_INET;
  upstream.sin_port = htons(53);
  inet_pton(AF_INET, argc > 3 ? argv[3] : "127.0.0.11", &upstream.sin_addr);
  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(53);
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
    perror("skiff-dns: bind :53");
    return 1;
  }
  struct timespec last = {0, 0};
  ino_t last_ino = 0;
  long next_check = 0;
  for (;;) {
    long now = now_ms();
    if (now >= next_check) {
      struct stat st;
      if (stat(records_path, &st) == 0 &&
          (st.st_ino != last_ino || st.st_mtim.tv_sec != last.tv_sec || st.st_mtim.tv_nsec != last.tv_nsec)) {
        last_ino = st.st_ino;
        last = st.st_mtim;
        reload();
      }
      next_check = now + 100;
    }
    struct pollfd fds[MAX_PENDING + 1];
    int owners[MAX_PENDING + 1];
    int nfds = 0;
    fds[nfds].fd = sock; fds[nfds].events = POLLIN; owners[nfds++] = -1;
    for (int i = 0; i < MAX_PENDING; i++) {
      if (pending[i].fd <= 0) continue;
      if (pending[i].deadline_ms < now) { close(pending[i].fd); pending[i].fd = 0; continue; }
      fds[nfds].fd = pending[i].fd; fds[nfds].events = POLLIN; owners[nfds++] = i;
    }
    if (poll(fds, nfds, 100) <= 0) continue;
    for (int i = 0; i < nfds; i++) {
      if (!(fds[i].revents & POLLIN)) continue;
      if (owners[i] >= 0) { handle_upstream(sock, &pending[owners[i]]); continue; }
      unsigned char q[512];
      struct sockaddr_in client;
      socklen_t clen = sizeof client;
      ssize_t len = recvfrom(sock, q, sizeof q, MSG_DONTWAIT, (struct sockaddr *)&client, &clen);
      if (len > 0) handle_query(sock, q, (int)len, &client);
    }
  }
}
