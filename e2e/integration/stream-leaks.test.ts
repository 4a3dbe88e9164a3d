import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { docker } from '../support/docker-cli';
import { KUBECTL } from '../support/kubectl';
import { containerStatus, createPod, isReady, waitForPod } from '../support/pods';
import { api, type SkiffProcess } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

// Hundreds of log follows, execs, port-forwarded connections and watches opened and closed — half abruptly by
// the client, half by the server's side ending — must leave the process as it was: file descriptors, live
// handles, API streams, store watchers, and no process left running in the container by an abandoned exec.

const wsToken = (s: SkiffProcess) =>
  `base64url.bearer.authorization.k8s.io.${Buffer.from(s.token).toString('base64url')}`;

interface Snapshot {
  fileDescriptors: number;
  handles: Record<string, number>;
  apiStreams: number;
  storeWatchers: number;
  memory: { rss: number };
}
const resources = async (s: SkiffProcess): Promise<Snapshot> => (await api(s, '/debug/skiff/resources')).body;
const handleTotal = (snap: Snapshot) => Object.values(snap.handles).reduce((a, b) => a + b, 0);

/** Runs `count` tasks, `width` at a time. */
async function inBatches(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += width)
    await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, k) => task(start + k)));
}

/** A chunked HTTPS stream: `abort` destroys it after its first bytes; otherwise it is read to its end. */
function httpStream(s: SkiffProcess, path: string, abort: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        hostname: '127.0.0.1',
        port: s.port,
        path,
        ca: s.ca,
        headers: { Authorization: `Bearer ${s.token}` },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        res.once('data', () => {
          if (abort) {
            req.destroy();
            resolve();
          }
        });
        res.on('end', resolve);
        res.on('error', () => resolve());
      },
    );
    req.on('error', (err) => (abort ? resolve() : reject(err)));
    req.end();
  });
}

/** A WebSocket stream: `abort` terminates it (no close frame) after its first message; else waits for close. */
function wsStream(
  s: SkiffProcess,
  path: string,
  protocol: string,
  abort: boolean,
  send?: Buffer,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://127.0.0.1:${s.port}${path}`, [protocol, wsToken(s)], { ca: s.ca });
    ws.on('open', () => send && ws.send(send));
    ws.once('message', () => {
      if (abort) {
        ws.terminate();
        resolve();
      }
    });
    ws.on('close', () => resolve());
    ws.on('error', (err) => (abort ? resolve() : reject(err)));
  });
}

async function appProcesses(pod: any, container: string, pattern: RegExp): Promise<number> {
  const id = String(containerStatus(pod, container)?.containerID ?? '').replace('docker://', '');
  const top = await docker(['top', id, '-o', 'pid,args']);
  return top.split('\n').filter((line) => pattern.test(line)).length;
}

describe('streams leave nothing behind', () => {
  const f = useSkiffServer('leaks');
  let talker: any;
  beforeAll(async () => {
    const loop = 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done';
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'talker' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'app', image: 'skiff-test/tools:v1', command: ['sh', '-c', loop] }],
      },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'web' },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image: 'skiff-test/web:v1' }] },
    });
    talker = await waitForPod(f.skiff, f.ns, 'talker', isReady, 30_000);
    await waitForPod(f.skiff, f.ns, 'web', isReady, 30_000);
  });

  it(
    '500 log follows, 200 execs, 200 port-forwarded connections and 500 watches',
    { timeout: 300_000 },
    async () => {
      const s = f.skiff;
      const base = `/api/v1/namespaces/${f.ns}`;
      // Warm every path once, so lazily loaded code and first-use caches are in the baseline, not the leak.
      await httpStream(s, `${base}/pods/talker/log?follow=true`, true);
      await wsStream(s, `${base}/pods/talker/log?follow=true`, 'binary.k8s.io', true);
      await wsStream(
        s,
        `${base}/pods/talker/exec?command=echo&command=hi&stdout=true`,
        'v5.channel.k8s.io',
        false,
      );
      await httpStream(s, `${base}/configmaps?watch=true&timeoutSeconds=1`, false);
      await new Promise((r) => setTimeout(r, 1000));
      const before = await resources(s);
      let peakFds = before.fileDescriptors;
      const sample = async () => {
        peakFds = Math.max(peakFds, (await resources(s)).fileDescriptors);
      };

      // Log follows: half cut by the client, half ended by the server (the container they follow exits).
      await createPod(s, f.ns, {
        metadata: { name: 'ender' },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'app',
              image: 'skiff-test/tools:v1',
              command: ['sh', '-c', 'echo start; sleep 25; echo end'],
            },
          ],
        },
      });
      await waitForPod(s, f.ns, 'ender', (p) => !!containerStatus(p, 'app')?.state?.running, 30_000);
      const ending = Array.from({ length: 250 }, (_, i) =>
        i % 2 === 0
          ? httpStream(s, `${base}/pods/ender/log?follow=true`, false)
          : wsStream(s, `${base}/pods/ender/log?follow=true`, 'binary.k8s.io', false),
      );
      await inBatches(250, 25, (i) =>
        i % 2 === 0
          ? httpStream(s, `${base}/pods/talker/log?follow=true`, true)
          : wsStream(s, `${base}/pods/talker/log?follow=true`, 'binary.k8s.io', true),
      );
      await sample();
      await Promise.all(ending);

      // Execs: half end by themselves, half (a `cat` waiting on stdin) are dropped by the client mid-session.
      await inBatches(200, 20, (i) =>
        i % 2 === 0
          ? wsStream(
              s,
              `${base}/pods/talker/exec?command=echo&command=hi&stdout=true`,
              'v5.channel.k8s.io',
              false,
            )
          : wsStream(
              s,
              `${base}/pods/talker/exec?command=cat&stdin=true&stdout=true`,
              'v5.channel.k8s.io',
              true,
              Buffer.concat([Buffer.from([0]), Buffer.from('echo me\n')]),
            ),
      );
      await sample();

      // Port-forward: one kubectl, 200 connections through it, half whole requests and half dropped at once.
      const forward = spawn(KUBECTL, [
        '--kubeconfig',
        s.kubeconfig,
        '--cache-dir',
        join(s.dataDir, 'kubectl-cache'),
        '-n',
        f.ns,
        'port-forward',
        'pod/web',
        ':8080',
      ]);
      let forwardOutput = '';
      forward.stdout.on('data', (d: Buffer) => (forwardOutput += d.toString()));
      const localPort = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`port-forward did not start: ${forwardOutput}`)),
          30_000,
        );
        const check = () => {
          const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(forwardOutput);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          } else setTimeout(check, 50);
        };
        check();
      });
      let answered = 0;
      await inBatches(
        200,
        10,
        (i) =>
          new Promise<void>((resolve) => {
            const socket = connect(localPort, '127.0.0.1', () => {
              if (i % 2 === 1) return socket.destroy();
              socket.write('GET / HTTP/1.0\r\nHost: web\r\n\r\n');
            });
            socket.on('data', (d: Buffer) => d.toString().startsWith('HTTP/1.') && answered++);
            socket.on('close', () => resolve());
            socket.on('error', () => resolve());
          }),
      );
      await sample();
      forward.kill('SIGINT');
      await new Promise((r) => forward.once('exit', r));
      expect(answered).toBe(100);

      // Watches: half dropped by the client, half ended by the server at their timeout, over HTTP and WebSocket.
      await inBatches(500, 50, (i) => {
        const ended = i % 2 === 1;
        const path = `${base}/configmaps?watch=true${ended ? '&timeoutSeconds=1' : ''}`;
        if (i % 4 < 2) return ended ? httpStream(s, path, false) : watchThenDrop(s, path);
        return ended ? wsStream(s, path, 'v4.channel.k8s.io', false) : wsThenDrop(s, path);
      });
      await sample();

      // Everything back to where it started.
      let after = await resources(s);
      const settled = (snap: Snapshot) =>
        snap.fileDescriptors <= before.fileDescriptors + 4 &&
        snap.apiStreams === before.apiStreams &&
        snap.storeWatchers === before.storeWatchers &&
        handleTotal(snap) <= handleTotal(before) + 4;
      for (let i = 0; i < 100 && !settled(after); i++) {
        await new Promise((r) => setTimeout(r, 200));
        after = await resources(s);
      }
      const leftCats = await appProcesses(talker, 'app', /\bcat\b/);
      console.log(
        `streams: 500 log follows, 200 execs, 200 port-forward connections, 500 watches; ` +
          `fds ${before.fileDescriptors} → peak ${peakFds} → ${after.fileDescriptors}; ` +
          `handles ${handleTotal(before)} → ${handleTotal(after)} (${JSON.stringify(after.handles)}); ` +
          `API streams ${before.apiStreams} → ${after.apiStreams}; store watchers ${before.storeWatchers} → ${after.storeWatchers}; ` +
          `exec processes left in the container: ${leftCats}; RSS ${(before.memory.rss / 2 ** 20).toFixed(0)} → ${(after.memory.rss / 2 ** 20).toFixed(0)} MiB`,
      );
      expect(after.apiStreams).toBe(before.apiStreams);
      expect(after.storeWatchers).toBe(before.storeWatchers);
      expect(after.fileDescriptors).toBeLessThanOrEqual(before.fileDescriptors + 4); // keep-alive sockets of the test's own client
      expect(handleTotal(after)).toBeLessThanOrEqual(handleTotal(before) + 4);
      expect(leftCats).toBe(0);
    },
  );
});

/** An HTTP watch dropped by the client once its response has begun. */
function watchThenDrop(s: SkiffProcess, path: string): Promise<void> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        hostname: '127.0.0.1',
        port: s.port,
        path,
        ca: s.ca,
        headers: { Authorization: `Bearer ${s.token}` },
      },
      () => {
        req.destroy();
        resolve();
      },
    );
    req.on('error', () => resolve());
    req.end();
  });
}

/** A WebSocket watch dropped by the client (no close frame) once it is open. */
function wsThenDrop(s: SkiffProcess, path: string): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://127.0.0.1:${s.port}${path}`, ['v4.channel.k8s.io', wsToken(s)], {
      ca: s.ca,
    });
    ws.on('open', () => {
      ws.terminate();
      resolve();
    });
    ws.on('error', () => resolve());
  });
}
