import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, written down once: each part of the code and the parts it may import. Imports only point down
 * this list; parts on one level (controllers, kubelet) do not import each other — what two parts share moves
 * below them (`shared/` when it is pure, `machinery/` for the controller skeleton). An entry may name one file
 * of a part (`kubelet/pod-streams`) when only that file is the part's door for the one above.
 */
const mayImport: Record<string, readonly string[]> = {
  preload: ['electron'], // the window's bridge: only the shell's IPC channel names
  electron: ['app', 'shared'], // the desktop shell
  app: [
    'server',
    'clusters',
    'builds',
    'controllers',
    'kubelet',
    'network',
    'scheduling',
    'machinery',
    'auth',
    'store',
    'runtime',
    'shared',
  ],
  // the API; it reaches the node only for a pod's logs, exec and port-forward, as the apiserver the kubelet
  // (+ compose: the Compose import endpoint converts with the pure converter, then writes through the store)
  server: ['kubelet/pod-streams', 'compose', 'auth', 'store', 'shared'],
  // other clusters' contexts and the proxy to them (kubeconfig files, credentials through client-node)
  clusters: ['auth', 'store', 'shared'],
  controllers: ['scheduling', 'machinery', 'auth', 'store', 'shared'],
  kubelet: ['network', 'scheduling', 'machinery', 'auth', 'runtime', 'store', 'shared'],
  network: ['machinery', 'runtime', 'store', 'shared'], // Service proxies, routes, ingress, gateway, DNS
  builds: ['machinery', 'runtime', 'store', 'shared'], // image builds from a folder, roll-outs, watch mode
  compose: ['shared'], // the pure Compose file → Kubernetes objects converter
  scheduling: ['shared'], // the scheduler's pure filters, for the scheduler and DaemonSet placement
  machinery: ['store', 'shared'], // work queue, controller loop, event recorder, clock
  auth: ['store', 'shared'], // ServiceAccount tokens, RBAC rules and bootstrap policy: who may do what
  store: ['shared'],
  runtime: ['shared'], // the only importer of dockerode
  shared: [], // pure TypeScript, also the renderer's
  types: [],
  renderer: ['shared'], // src-renderer: a client of the API like kubectl, sharing only pure types and helpers
};

/** Edges still to remove, each with who removes it; a listed edge that is gone fails, so the list only shrinks. */
const notYetDown: ReadonlyArray<{ from: string; to: string; until: string }> = [];

const srcMain = import.meta.dirname;
const repo = resolve(srcMain, '..');
const importPattern =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `kubelet/kubelet` for src-main/kubelet/kubelet.ts, `renderer/…` for src-renderer. */
function moduleName(path: string): string {
  const fromMain = relative(srcMain, path);
  const name = fromMain.startsWith('..')
    ? `renderer/${relative(join(repo, 'src-renderer', 'src'), path)}`
    : fromMain;
  return name
    .replace(/\.d\.ts$|\.tsx?$/, '')
    .split('\\')
    .join('/');
}

interface Edge {
  from: string;
  to: string;
}

function importEdges(): Edge[] {
  const files = [...sourceFiles(srcMain), ...sourceFiles(join(repo, 'src-renderer', 'src'))];
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(importPattern)].flatMap((match): Edge[] => {
      const spec = match[1] ?? match[2]!;
      if (spec.startsWith('@shared/')) return [{ from: moduleName(file), to: spec.slice(1) }];
      if (!spec.startsWith('.')) return []; // a package
      return [{ from: moduleName(file), to: moduleName(resolve(dirname(file), spec)) }];
    });
  });
}

const partOf = (module: string) => module.split('/')[0]!;

function allowed({ from, to }: Edge): boolean {
  if (partOf(from) === partOf(to)) return true;
  return (mayImport[partOf(from)] ?? []).some((entry) => entry === partOf(to) || entry === to);
}

describe('layers', () => {
  const edges = importEdges();

  it('reads the imports of every part', () => {
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges).toContainEqual({ from: 'kubelet/kubelet', to: 'machinery/work-queue' });
    expect(edges).toContainEqual({ from: 'renderer/api/list-watch', to: 'shared/api-types' });
  });

  it('places every part of the code in the table', () => {
    const parts = new Set(edges.flatMap((e) => [partOf(e.from), partOf(e.to)]));
    expect([...parts].filter((part) => !(part in mayImport))).toEqual([]);
  });

  it('has imports that only point down', () => {
    const isListed = (e: Edge) => notYetDown.some((n) => n.from === e.from && n.to === e.to);
    const upward = edges.filter((e) => !allowed(e) && !isListed(e)).map((e) => `${e.from} → ${e.to}`);
    expect([...new Set(upward)]).toEqual([]);
  });

  it('lists only crossings that still exist', () => {
    const stale = notYetDown.filter((n) => !edges.some((e) => e.from === n.from && e.to === n.to));
    expect(stale).toEqual([]);
  });

  it('refuses an import up or sideways', () => {
    expect(allowed({ from: 'controllers/scheduler', to: 'kubelet/node-agent' })).toBe(false);
    expect(allowed({ from: 'server/resource-handler', to: 'controllers/deployment-controller' })).toBe(false);
    expect(allowed({ from: 'store/test-store', to: 'app/skiff-app' })).toBe(false);
    expect(allowed({ from: 'server/pod-log-handler', to: 'kubelet/kubelet' })).toBe(false);
    expect(allowed({ from: 'server/pod-log-handler', to: 'kubelet/pod-streams' })).toBe(true);
    expect(allowed({ from: 'renderer/views/Pods', to: 'store/object-store' })).toBe(false);
  });
});
