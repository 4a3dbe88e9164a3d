import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import { finished as streamFinished } from 'node:stream/promises';
import { connect as tlsConnect } from 'node:tls';
import type { Container, Probe } from '../shared/pod-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { grpcProbe, type PodTunnel } from './grpc-probe';

export interface ProbeOutcome {
  ok: boolean;
  detail: string;
}

export interface ProbeTarget {
  containerId: string;
  container: Container;
  podIP: string;
  namespace: string;
}

/** A connection to a pod's port by another way than this host's own route (probe-path.ts). */
export type PodDialer = (namespace: string, ip: string, port: number) => Promise<Socket>;

function dialWithin(dial: PodDialer, target: ProbeTarget, port: number, timeoutMs: number): Promise<Socket> {
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = dial(target.namespace, target.podIP, port);
  // a connection that arrives after the deadline is nobody's: close it
  attempt.then(
    (socket) => timedOut && socket.destroy(),
    () => undefined,
  );
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error('i/o timeout'));
    }, timeoutMs);
  });
  return Promise.race([attempt, deadline]).finally(() => clearTimeout(timer));
}

function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  return (
    container.ports?.find((p) => p.name === port)?.containerPort ??
    (Number.isInteger(Number(port)) ? Number(port) : undefined)
  );
}

function httpProbe(
  probe: NonNullable<Probe['httpGet']>,
  target: ProbeTarget,
  timeoutMs: number,
  dial: PodDialer | undefined,
): Promise<ProbeOutcome> {
  const port = resolvePort(probe.port, target.container);
  const host = probe.host ?? target.podIP;
  const scheme = probe.scheme === 'HTTPS' ? 'https' : 'http';
  const url = `${scheme}://${host}:${port}${probe.path ?? '/'}`;
  if (port === undefined)
    return Promise.resolve({ ok: false, detail: `port "${probe.port}" is not a container port name` });
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
    for (const h of probe.httpHeaders ?? []) headers[h.name] = h.value;
    const send = scheme === 'https' ? httpsRequest : httpRequest;
    // through a dialer only for the pod's own address; a probe that names a host goes there from here
    const viaDialer =
      dial && !probe.host
        ? {
            createConnection: (_: unknown, done: (err: Error | null, socket?: Socket) => void) => {
              dialWithin(dial, target, port, timeoutMs)
                .then((socket) => {
                  socket.resume(); // the gateway hands it over paused, and the HTTP parser only listens
                  done(
                    null,
                    scheme === 'https'
                      ? tlsConnect({ socket, rejectUnauthorized: false, servername: host })
                      : socket,
                  );
                })
                .catch((err: Error) => done(err));
              return undefined;
            },
          }
        : {};
    const options = { headers, timeout: timeoutMs, rejectUnauthorized: false, ...viaDialer };
    const req = send(url, options as Parameters<typeof httpRequest>[1], (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(
        code >= 200 && code < 400
          ? { ok: true, detail: '' }
          : { ok: false, detail: `HTTP probe failed with statuscode: ${code}` },
      );
    });
    req.on('timeout', () =>
      req.destroy(
        new Error(`Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`),
      ),
    );
    req.on('error', (err) =>
      resolve({
        ok: false,
        detail: err.message.startsWith('Get "') ? err.message : `Get "${url}": ${err.message}`,
      }),
    );
    req.end();
  });
}

function tcpProbe(
  probe: NonNullable<Probe['tcpSocket']>,
  target: ProbeTarget,
  timeoutMs: number,
  dial: PodDialer | undefined,
): Promise<ProbeOutcome> {
  const port = resolvePort(probe.port, target.container);
  const host = probe.host ?? target.podIP;
  if (port === undefined)
    return Promise.resolve({ ok: false, detail: `port "${probe.port}" is not a container port name` });
  if (dial && !probe.host)
    return dialWithin(dial, target, port, timeoutMs).then(
      (socket) => {
        socket.destroy();
        return { ok: true, detail: '' };
      },
      (err: Error) => ({ ok: false, detail: `dial tcp ${host}:${port}: ${err.message}` }),
    );
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.on('connect', () => {
      socket.destroy();
      resolve({ ok: true, detail: '' });
    });
    socket.on('timeout', () => socket.destroy(new Error('i/o timeout')));
    socket.on('error', (err) => resolve({ ok: false, detail: `dial tcp ${host}:${port}: ${err.message}` }));
  });
}

async function execProbe(
  runtime: DockerRuntime,
  command: string[],
  target: ProbeTarget,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const session = await runtime.exec(target.containerId, command, { tty: false, stdin: false });
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 10_000) output += chunk.toString();
  };
  session.stdout.on('data', collect);
  session.stderr.on('data', collect);
  const finished = Promise.allSettled([streamFinished(session.stdout), streamFinished(session.stderr)]).then(
    () => undefined,
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    finished.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    session.close();
    return { ok: false, detail: `command timed out after ${timeoutMs / 1000}s` };
  }
  const code = await session.exitCode();
  return code === 0
    ? { ok: true, detail: '' }
    : { ok: false, detail: output.trim() || `command exited with ${code}` };
}

/** Runs one probe attempt against a container, as the kubelet's prober does. */
export async function runProbe(
  runtime: DockerRuntime,
  probe: Probe,
  target: ProbeTarget,
  dial?: PodDialer,
  tunnel?: PodTunnel,
): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  try {
    if (probe.httpGet) return await httpProbe(probe.httpGet, target, timeoutMs, dial);
    if (probe.tcpSocket) return await tcpProbe(probe.tcpSocket, target, timeoutMs, dial);
    if (probe.grpc) return await grpcProbe(probe.grpc, target.podIP, target.namespace, timeoutMs, tunnel);
    if (probe.exec?.command) return await execProbe(runtime, probe.exec.command, target, timeoutMs);
    return { ok: false, detail: 'the probe has no handler' };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}
