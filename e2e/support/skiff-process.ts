import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { docker } from './docker-cli';

/** Every Docker object a test Skiff creates carries this label; scripts/clean-test-leftovers.sh removes them. */
export const TEST_LABEL = 'io.skiff.test=true';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const SKIFF_BIN = join(REPO_ROOT, 'bin', 'skiff.js');

export interface SkiffProcess {
  child: ChildProcess;
  dataDir: string;
  port: number;
  apiUrl: string;
  uiUrl: string;
  /** Where Ingresses are served. */
  ingressUrl: string;
  token: string;
  ca: string;
  kubeconfig: string;
  output: () => string;
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'skiff-test-'));
}

/**
 * Removes a finished test Skiff's data dir and whatever it left on the engine (by its instance label): a
 * namespace's network goes after the namespace does, so a Skiff stopped right then leaves it, and leftover
 * networks use up the engine's address pools for the files that follow.
 */
export async function removeDataDir(dir: string): Promise<void> {
  const instance = (await readFile(join(dir, 'instance-id'), 'utf8').catch(() => '')).trim();
  if (instance) {
    for (const [kind, list] of [
      ['container', ['ps', '-aq']],
      ['network', ['network', 'ls', '-q']],
      ['volume', ['volume', 'ls', '-q']],
    ] as const) {
      const ids = (await docker([...list, '--filter', `label=io.skiff.instance=${instance}`]).catch(() => ''))
        .split('\n')
        .filter(Boolean);
      if (ids.length) await docker([kind, 'rm', '-f', ...ids]).catch(() => '');
    }
  }
  await rm(dir, { recursive: true, force: true });
}

/** Runs the built `skiff serve` on a free port and waits until it prints its URLs. */
export async function startSkiff(
  dataDir: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<SkiffProcess> {
  const child = spawn(
    process.execPath,
    [SKIFF_BIN, 'serve', '--data-dir', dataDir, '--port', '0', '--ingress-port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SKIFF_EXTRA_LABELS: TEST_LABEL, ...env } },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const apiUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`skiff serve did not start in 20 s:\n${output}`)),
      20_000,
    );
    const check = () => {
      const match = /API:\s+(https:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`skiff serve exited with ${code}:\n${output}`));
    });
  });
  const uiUrl = /UI:\s+(\S+)/.exec(output)![1]!;
  const ingressUrl = /Ingress:\s+(\S+)/.exec(output)![1]!;
  const [token, ca] = await Promise.all([
    readFile(join(dataDir, 'token'), 'utf8').then((t) => t.trim()),
    readFile(join(dataDir, 'tls', 'server.crt'), 'utf8'),
  ]);
  return {
    child,
    dataDir,
    port: Number(new URL(apiUrl).port),
    apiUrl,
    uiUrl,
    ingressUrl,
    token,
    ca,
    kubeconfig: join(dataDir, 'kubeconfig'),
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  contentType?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** One HTTPS request to the server, trusting its own certificate (as kubectl does through the kubeconfig). */
export function api<T = any>(
  skiff: SkiffProcess,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const text =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? skiff.token : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (text !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  // The path goes on the request line as given (a URL string would have `..` and `%2E%2E` resolved first).
  const { hostname, port } = new URL(skiff.apiUrl);
  return new Promise((resolveResponse, reject) => {
    const req = httpsRequest(
      { hostname, port, path, method: options.method ?? 'GET', headers, ca: skiff.ca },
      (res) => {
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => {
          let body: unknown = data;
          try {
            body = JSON.parse(data);
          } catch {
            // not JSON: keep the text
          }
          resolveResponse({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

export interface WatchRecorder {
  events: Array<{ type: string; object: any }>;
  waitFor(predicate: (events: WatchRecorder['events']) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens an HTTPS watch and records its newline-delimited events. */
export function watch(skiff: SkiffProcess, path: string): Promise<WatchRecorder> {
  return new Promise((resolveWatch, reject) => {
    const events: WatchRecorder['events'] = [];
    const waiters = new Set<() => void>();
    const req = httpsRequest(
      `${skiff.apiUrl}${path}`,
      { headers: { Authorization: `Bearer ${skiff.token}` }, ca: skiff.ca },
      (res) => {
        let buffer = '';
        res.on('data', (d: Buffer) => {
          buffer += d.toString();
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) events.push(JSON.parse(line));
          }
          for (const w of [...waiters]) w();
        });
        resolveWatch({
          events,
          waitFor(predicate, timeoutMs = 10_000) {
            return new Promise((ok, fail) => {
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(
                  new Error(
                    `watch events did not arrive: ${JSON.stringify(events.map((e) => `${e.type} ${e.object?.metadata?.name}`))}`,
                  ),
                );
              }, timeoutMs);
              const check = () => {
                if (predicate(events)) {
                  clearTimeout(timer);
                  waiters.delete(check);
                  ok();
                }
              };
              waiters.add(check);
              check();
            });
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
    req.end();
  });
}
