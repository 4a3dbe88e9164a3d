// Issue #14's measurement: how much of a corpus of real YAML the real kubectl 1.32 can apply to Skiff.
//
//   node bench/yaml-corpus.mjs <dir> [--no-run] [--keep-probes] [--timeout 60] [--jobs 3] [--json out.json]
//
// For every *.yaml / *.yml under <dir> (each its own fresh namespace, on a fresh `skiff serve`):
//  1. classifies the documents' kinds: those of issue #14 (workloads, Services, config, storage, Ingress, …)
//     and the others (RBAC, ServiceAccounts, CRDs, policies, …), which are counted apart;
//  2. `kubectl apply --dry-run=server -f <file>`: accepted, or refused with kubectl's exact words; files with
//     more than one document are also dry-run one object at a time (per-object acceptance);
//  3. unless --no-run, applies for real the files whose kinds are all of the issue (and, for mixed files, the
//     subset of their objects of the issue's kinds), with every container image rewritten to the local
//     `skiff-test/web:v1` (busybox httpd on 8080, /healthz; its busybox applets run most `command`s) and
//     imagePullPolicy IfNotPresent, and waits up to --timeout seconds for each Pod / Deployment / ReplicaSet /
//     ReplicationController / StatefulSet / DaemonSet to be Ready and each Job to Complete. The original images'
//     probes cannot pass on the local image, so by default they are rewritten too: httpGet/tcpSocket/grpc
//     probes become httpGet /healthz:8080 on a container that keeps the image's server (no `command`), and
//     `exec: true` on one that runs its own command; exec probes are kept. --keep-probes keeps them all.
// Objects' metadata.namespace is rewritten to the file's namespace and Namespace objects are renamed into
// `<ns>-<name>` (the file itself is dry-run as written when it names no namespace). Everything Skiff made is
// removed at the end by its own instance label (the data dir's instance-id), and its namespaces are deleted.
//
// Needs the built app (`npx electron-vite build && bash scripts/build-proxy.sh`), Docker and the test images.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFile } from 'node:child_process';
import * as yaml from 'js-yaml';
import { call, removeInstance, sleep, startSkiff } from './lib.mjs';

const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const LOCAL_IMAGE = 'skiff-test/web:v1';
// issue #14's kinds
const ISSUE_KINDS = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Service',
  'ConfigMap',
  'Secret',
  'Job',
  'CronJob',
  'StatefulSet',
  'DaemonSet',
  'ControllerRevision',
  'Ingress',
  'IngressClass',
  'HorizontalPodAutoscaler',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Namespace',
  'Endpoints',
  'EndpointSlice',
]);
const WORKLOADS = {
  Pod: (ns, n) => `/api/v1/namespaces/${ns}/pods/${n}`,
  ReplicationController: (ns, n) => `/api/v1/namespaces/${ns}/replicationcontrollers/${n}`,
  Deployment: (ns, n) => `/apis/apps/v1/namespaces/${ns}/deployments/${n}`,
  ReplicaSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/replicasets/${n}`,
  StatefulSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/statefulsets/${n}`,
  DaemonSet: (ns, n) => `/apis/apps/v1/namespaces/${ns}/daemonsets/${n}`,
  Job: (ns, n) => `/apis/batch/v1/namespaces/${ns}/jobs/${n}`,
};

// ---- arguments
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const optionValues = new Set(
  ['--timeout', '--jobs', '--json'].filter((o) => argv.includes(o)).map((o) => argv[argv.indexOf(o) + 1]),
);
const corpus = argv.find((a) => !a.startsWith('--') && !optionValues.has(a));
if (!corpus) {
  console.error(
    'usage: node bench/yaml-corpus.mjs <dir> [--no-run] [--keep-probes] [--timeout 60] [--jobs 3] [--json out]',
  );
  process.exit(2);
}
const TIMEOUT_MS = Number(option('--timeout', '60')) * 1000;
const JOBS = Number(option('--jobs', '3'));
const JSON_OUT = option('--json', undefined);
const RUN = !flag('--no-run');
const KEEP_PROBES = flag('--keep-probes');

// ---- helpers
function yamlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** kubectl, never throwing: { ok, stdout, stderr } */
function kubectl(kubeconfig, args, input) {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--kubeconfig', kubeconfig, '--request-timeout=30s', ...args],
      { maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr: stderr.trim() }),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

/** Runs `work` over `items` with at most `n` at once, keeping order in the result. */
async function pool(items, n, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}

const oneLine = (s, max = 400) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

/** The pod specs inside a workload object. */
function podSpecs(doc) {
  switch (doc?.kind) {
    case 'Pod':
      return [doc.spec];
    case 'CronJob':
      return [doc.spec?.jobTemplate?.spec?.template?.spec];
    case 'Deployment':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return [doc.spec?.template?.spec];
    default:
      return [];
  }
}

function rewriteProbe(probe, serves) {
  if (!probe || KEEP_PROBES || probe.exec) return probe;
  const timing = { ...probe };
  delete timing.httpGet;
  delete timing.tcpSocket;
  delete timing.grpc;
  return serves
    ? { ...timing, httpGet: { path: '/healthz', port: 8080 } }
    : { ...timing, exec: { command: ['true'] } };
}

/** Every image to the local test image (and its probes, unless --keep-probes). Mutates `doc`. */
function localise(doc) {
  for (const spec of podSpecs(doc)) {
    if (!spec) continue;
    for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers]) {
      for (const c of list ?? []) {
        c.image = LOCAL_IMAGE;
        c.imagePullPolicy = 'IfNotPresent';
        const serves = !c.command && !c.args;
        for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          if (c[p]) c[p] = rewriteProbe(c[p], serves);
        }
      }
    }
  }
  return doc;
}

/** The documents moved into namespace `ns` (Namespace objects renamed into it). */
function intoNamespace(docs, ns) {
  return docs.map((d) => {
    const doc = structuredClone(d);
    if (doc.kind === 'Namespace') doc.metadata = { ...doc.metadata, name: `${ns}-${doc.metadata?.name}` };
    else if (doc.metadata?.namespace) doc.metadata.namespace = ns;
    return doc;
  });
}

// a YAML stream of JSON documents (a `kind: List` would be validated differently by kubectl)
const asList = (docs) => docs.map((d) => `---\n${JSON.stringify(d)}\n`).join('');
const nameOf = (d) => `${d.kind}/${d.metadata?.name ?? d.metadata?.generateName ?? '?'}`;

/** Why a workload is not Ready, from its namespace's pods and Warning events. */
async function diagnose(skiff, ns) {
  const pods = (await call(skiff, 'GET', `/api/v1/namespaces/${ns}/pods`)).items ?? [];
  const parts = [];
  for (const p of pods.slice(0, 3)) {
    const bits = [p.status?.phase];
    const unscheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (unscheduled) bits.push(`unscheduled: ${unscheduled.message ?? unscheduled.reason}`);
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      const w = s.state?.waiting;
      const t = s.state?.terminated ?? s.lastState?.terminated;
      if (w) bits.push(`${s.name} waiting ${w.reason}${w.message ? `: ${w.message}` : ''}`);
      else if (t) bits.push(`${s.name} exited ${t.exitCode}${t.reason ? ` ${t.reason}` : ''}`);
      else if (!s.ready) bits.push(`${s.name} not ready`);
    }
    parts.push(`${p.metadata.name}: ${bits.join(', ')}`);
  }
  if (!pods.length) parts.push('no pods');
  const events = ((await call(skiff, 'GET', `/api/v1/namespaces/${ns}/events`)).items ?? [])
    .filter((e) => e.type === 'Warning')
    .slice(-2)
    .map((e) => `${e.reason}: ${e.message}`);
  return oneLine([...parts, ...events].join('; '), 300);
}

function readiness(kind, o, spec) {
  const s = o.status ?? {};
  const want = spec?.replicas ?? 1;
  switch (kind) {
    case 'Pod':
      if (s.phase === 'Succeeded') return 'done';
      if (s.phase === 'Failed') return 'failed';
      return s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'done' : 'wait';
    case 'Job':
      if (s.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')) return 'done';
      return s.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ? 'failed' : 'wait';
    case 'DaemonSet':
      return s.desiredNumberScheduled > 0 && s.numberReady === s.desiredNumberScheduled ? 'done' : 'wait';
    default:
      return (s.readyReplicas ?? 0) >= want ? 'done' : 'wait';
  }
}

/** Waits for every workload of `docs` in `ns`; one result per workload. */
async function awaitWorkloads(skiff, ns, docs, start) {
  const workloads = docs.filter((d) => WORKLOADS[d.kind]);
  return Promise.all(
    workloads.map(async (d) => {
      const path = WORKLOADS[d.kind](ns, d.metadata?.name);
      for (;;) {
        const o = await call(skiff, 'GET', path);
        const state = o.kind === d.kind ? readiness(d.kind, o, d.spec) : 'wait';
        const ms = Math.round(performance.now() - start);
        if (state === 'done') return { object: nameOf(d), ready: true, ms };
        if (state === 'failed' || ms > TIMEOUT_MS) {
          return { object: nameOf(d), ready: false, ms, why: `${state}: ${await diagnose(skiff, ns)}` };
        }
        await sleep(250);
      }
    }),
  );
}

// ---- the run
const files = yamlFiles(corpus);
const dataDir = mkdtempSync(join(tmpdir(), 'skiff-corpus-'));
const work = join(dataDir, 'corpus-work');
mkdirSync(work);
const skiff = await startSkiff(dataDir);
const kubeconfig = join(dataDir, 'kubeconfig');
const namespaces = [];
const stopping = async () => {
  await pool(namespaces, 4, (ns) => kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=false']));
  skiff.child.kill('SIGTERM');
  await sleep(1000);
  await removeInstance(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => stopping().then(() => process.exit(130)));

const results = await pool(files, JOBS, async (path, i) => {
  const file = relative(corpus, path);
  const r = { file, kinds: [], dryRun: null, objects: [], run: null };
  let docs;
  try {
    docs = yaml
      .loadAll(readFileSync(path, 'utf8'), { schema: yaml.YAML11_SCHEMA })
      .filter((d) => d && typeof d === 'object');
  } catch (e) {
    r.dryRun = { ok: false, reason: `YAML: ${oneLine(e.message, 200)}` };
    return r;
  }
  r.kinds = docs.map((d) => d.kind ?? '?');
  r.inIssue = r.kinds.length > 0 && r.kinds.every((k) => ISSUE_KINDS.has(k));
  const ns = `yc-${i}`;
  namespaces.push(ns);
  await kubectl(kubeconfig, ['create', 'namespace', ns]);
  const moved = intoNamespace(docs, ns);
  const verbatim = !docs.some((d) => d.kind === 'Namespace' || d.metadata?.namespace);
  const asWritten = join(work, `${i}.yaml`);
  writeFileSync(asWritten, asList(moved));
  const dry = await kubectl(kubeconfig, [
    'apply',
    '--dry-run=server',
    '-n',
    ns,
    '-f',
    verbatim ? path : asWritten,
  ]);
  r.dryRun = { ok: dry.ok, reason: dry.ok ? undefined : oneLine(dry.stderr) };
  if (docs.length > 1) {
    r.objects = await pool(moved, 1, async (d) => {
      const one = await kubectl(kubeconfig, ['apply', '--dry-run=server', '-n', ns, '-f', '-'], asList([d]));
      return {
        object: nameOf(d),
        inIssue: ISSUE_KINDS.has(d.kind),
        ok: one.ok,
        reason: one.ok ? undefined : oneLine(one.stderr),
      };
    });
  }
  if (!RUN) return r;
  const runnable = moved.filter((d) => ISSUE_KINDS.has(d.kind)).map((d) => localise(structuredClone(d)));
  if (!runnable.some((d) => WORKLOADS[d.kind])) return r;
  const start = performance.now();
  const applied = await kubectl(kubeconfig, ['apply', '-n', ns, '-f', '-'], asList(runnable));
  r.run = {
    subset: !r.inIssue,
    applied: applied.ok,
    reason: applied.ok ? undefined : oneLine(applied.stderr),
  };
  r.run.workloads = await awaitWorkloads(skiff, ns, runnable, start);
  // cluster-scoped objects outlive the namespace: remove them (and the namespace's content) now
  await kubectl(
    kubeconfig,
    ['delete', '--ignore-not-found', '--wait=false', '-n', ns, '-f', '-'],
    asList(runnable),
  );
  await kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
  return r;
});

await stopping();

// ---- the report
const pad = (s, n) => (s.length >= n ? `${s.slice(0, n - 1)}… ` : s.padEnd(n));
const issueFiles = results.filter((r) => r.inIssue);
const otherFiles = results.filter((r) => !r.inIssue);
console.log(`\n# ${corpus}: ${results.length} files, ${issueFiles.length} of issue #14's kinds only\n`);
for (const r of results) {
  const runText = !r.run
    ? ''
    : !r.run.applied
      ? `apply refused: ${r.run.reason}`
      : r.run.workloads
          .map((w) =>
            w.ready ? `${w.object} Ready ${(w.ms / 1000).toFixed(1)}s` : `${w.object} NOT Ready (${w.why})`,
          )
          .join('; ');
  console.log(
    `${pad(r.file, 56)} ${pad(r.inIssue ? 'issue' : 'other', 6)} ${r.dryRun.ok ? 'accepted' : 'REFUSED '} ${
      r.dryRun.ok ? '' : r.dryRun.reason
    }${runText ? `\n${' '.repeat(64)}run${r.run.subset ? ' (issue-kind subset)' : ''}: ${runText}` : ''}`,
  );
  for (const o of r.objects.filter((o) => !o.ok)) {
    console.log(
      `${' '.repeat(64)}object ${o.object}${o.inIssue ? '' : ' (other kind)'} refused: ${o.reason}`,
    );
  }
}
const count = (xs, f) => xs.filter(f).length;
const workloads = issueFiles.flatMap((r) => (r.run?.workloads ?? []).map((w) => ({ ...w, file: r.file })));
const otherKinds = {};
for (const r of otherFiles)
  for (const k of new Set(r.kinds.filter((k) => !ISSUE_KINDS.has(k))))
    otherKinds[k] = (otherKinds[k] ?? 0) + 1;
const objects = results.flatMap((r) => r.objects);
const subsetWorkloads = otherFiles.flatMap((r) => r.run?.workloads ?? []);
console.log(`
in-issue files accepted by dry-run: ${count(issueFiles, (r) => r.dryRun.ok)} / ${issueFiles.length}
in-issue workloads Ready/Complete within ${TIMEOUT_MS / 1000}s: ${count(workloads, (w) => w.ready)} / ${workloads.length} (in ${count(issueFiles, (r) => r.run)} files run; probes ${KEEP_PROBES ? 'kept' : 'rewritten'})
issue-kind subsets of other files: workloads Ready/Complete ${count(subsetWorkloads, (w) => w.ready)} / ${subsetWorkloads.length}
other files (a kind outside the issue): ${otherFiles.length}, accepted by dry-run ${count(otherFiles, (r) => r.dryRun.ok)}; by kind: ${Object.entries(
  otherKinds,
)
  .sort((a, b) => b[1] - a[1])
  .map(([k, n]) => `${k} ${n}`)
  .join(', ')}
objects of multi-document files accepted one by one: issue kinds ${count(objects, (o) => o.inIssue && o.ok)} / ${count(objects, (o) => o.inIssue)}, other kinds ${count(objects, (o) => !o.inIssue && o.ok)} / ${count(objects, (o) => !o.inIssue)}`);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
