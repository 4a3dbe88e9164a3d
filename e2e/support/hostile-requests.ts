// Deterministic hostile requests for the hostile-input suite: valid objects of the everyday kinds with one
// field mutated, bodies that do not decode, malformed patches of all four types, bad query parameters and
// names that are path steps. Everything comes from one seeded generator, so a failure names a reproducible case.

export interface HostileRequest {
  what: string;
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const podSpec = () => ({
  terminationGracePeriodSeconds: 1,
  containers: [
    {
      name: 'web',
      image: 'skiff-test/web:v1',
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [{ name: 'A', value: 'b' }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
    },
  ],
});

/** One valid object per kind, the plural path it is created at, and whether creating it for real is cheap. */
export const BASES: Array<{ plural: string; prefix: string; object: Record<string, any>; real: boolean }> = [
  {
    plural: 'pods',
    prefix: '/api/v1',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: 'h' } }, spec: podSpec() },
    real: false,
  },
  {
    plural: 'deployments',
    prefix: '/apis/apps/v1',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {},
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: 'h' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: { metadata: { labels: { app: 'h' } }, spec: podSpec() },
      },
    },
    real: true,
  },
  {
    plural: 'services',
    prefix: '/api/v1',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {},
      spec: {
        selector: { app: 'h' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      },
    },
    real: false,
  },
  {
    plural: 'secrets',
    prefix: '/api/v1',
    object: { apiVersion: 'v1', kind: 'Secret', metadata: {}, type: 'Opaque', data: { k: 'dmFsdWU=' } },
    real: true,
  },
  {
    plural: 'configmaps',
    prefix: '/api/v1',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { a: 'b' } }, data: { k: 'v' } },
    real: true,
  },
  {
    plural: 'ingresses',
    prefix: '/apis/networking.k8s.io/v1',
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {},
      spec: {
        rules: [
          {
            host: 'a.localhost',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
    real: true,
  },
  {
    plural: 'horizontalpodautoscalers',
    prefix: '/apis/autoscaling/v2',
    object: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {},
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
        ],
      },
    },
    real: true,
  },
  {
    plural: 'persistentvolumeclaims',
    prefix: '/api/v1',
    object: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {},
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } },
    },
    real: false,
  },
];

/** Every path into an object (fields, list items), so any of them can be mutated. */
function fieldPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => fieldPaths(v, [...path, i]))
    : Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...path, k]));
  return path.length ? [path, ...children] : children;
}

function deeplyNested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const MUTANTS: Array<(rand: () => number) => unknown> = [
  () => null,
  () => 'a string',
  () => -1,
  () => 2 ** 31,
  () => 2 ** 63,
  () => 1e308,
  () => 0.5,
  () => true,
  () => [],
  () => [null],
  () => ({}),
  () => ({ unknownField: 1 }),
  () => 'x'.repeat(1024 * 1024),
  () => 'nul\u0000byte',
  () => '\u202e\ud83d\ude00 unicode \uffff',
  () => deeplyNested(2000),
  (rand) => Array.from({ length: 5 }, () => (rand() < 0.5 ? null : 7)),
];

function mutate(
  base: Record<string, any>,
  rand: () => number,
): { object: Record<string, any>; what: string } {
  const object = structuredClone(base);
  const paths = fieldPaths(object).filter((p) => p[0] !== 'apiVersion' && p[0] !== 'kind');
  const path = paths[Math.floor(rand() * paths.length)]!;
  const mutant = MUTANTS[Math.floor(rand() * MUTANTS.length)]!(rand);
  let parent: any = object;
  for (const step of path.slice(0, -1)) parent = parent[step];
  parent[path[path.length - 1]!] = mutant;
  const shown =
    typeof mutant === 'string' && mutant.length > 40
      ? `${mutant.length}-char string`
      : JSON.stringify(mutant)?.slice(0, 40);
  return { object, what: `${path.join('.')} = ${shown}` };
}

const BAD_QUERIES = [
  'watch=maybe',
  'limit=-1',
  'limit=abc',
  'limit=1e400',
  'continue=%00garbage',
  'continue=eyJ2IjoxfQ',
  'resourceVersion=abc',
  'resourceVersion=-1',
  'resourceVersion=99999999999999999999999',
  'resourceVersionMatch=Bogus',
  'labelSelector=app%3D%3D%3Dx',
  'labelSelector=in%20(',
  'fieldSelector=spec.nope%3Dx',
  'fieldSelector=%3D%3D',
  'timeoutSeconds=-5',
  'timeoutSeconds=abc',
  'dryRun=Bogus',
  'fieldValidation=Bogus',
  'propagationPolicy=Sideways',
  'gracePeriodSeconds=abc',
  'gracePeriodSeconds=-99999999999999999999',
  'pretty=%E0%A4%A',
];

const BAD_PATCHES: Array<{ contentType: string; body: string }> = [
  { contentType: 'application/merge-patch+json', body: '{"metadata": {"labels": ' },
  { contentType: 'application/merge-patch+json', body: '[1,2,3]' },
  { contentType: 'application/merge-patch+json', body: '{"metadata": null}' },
  { contentType: 'application/merge-patch+json', body: '{"spec": "string"}' },
  { contentType: 'application/json-patch+json', body: '{"op": "add"}' },
  { contentType: 'application/json-patch+json', body: '[{"op": "explode", "path": "/a"}]' },
  { contentType: 'application/json-patch+json', body: '[{"op": "add", "path": "no-slash", "value": 1}]' },
  { contentType: 'application/json-patch+json', body: '[{"op": "remove", "path": "/metadata/name"}]' },
  {
    contentType: 'application/json-patch+json',
    body: '[{"op": "move", "from": "/nope", "path": "/data/x"}]',
  },
  {
    contentType: 'application/json-patch+json',
    body: '[{"op": "replace", "path": "/metadata/namespace", "value": 7}]',
  },
  {
    contentType: 'application/json-patch+json',
    body: '[{"op": "test", "path": "/data/k", "value": "wrong"}]',
  },
  { contentType: 'application/strategic-merge-patch+json', body: '{"$patch": "bogus"}' },
  {
    contentType: 'application/strategic-merge-patch+json',
    body: '{"spec": {"$setElementOrder/containers": "x"}}',
  },
  {
    contentType: 'application/strategic-merge-patch+json',
    body: '{"metadata": {"$deleteFromPrimitiveList/finalizers": 7}}',
  },
  { contentType: 'application/strategic-merge-patch+json', body: '{"spec": {"$retainKeys": [1]}}' },
  { contentType: 'application/apply-patch+yaml', body: 'metadata: [unclosed' },
  {
    contentType: 'application/apply-patch+yaml',
    body: 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: other}',
  },
  { contentType: 'application/apply-patch+yaml', body: '- just\n- a list' },
  { contentType: 'application/x-unknown', body: '{}' },
];

const BAD_NAMES = ['..', '.', '%2E%2E', '..%2F..', 'a%2Fb', '%25', '%E0%A4%A', 'UPPER', 'x'.repeat(300)];

/** `count` requests against namespace `ns`, where the objects named in `existing` (plural → name) exist. */
export function hostileRequests(
  ns: string,
  existing: Record<string, string>,
  count: number,
  seed: number,
): HostileRequest[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const out: HostileRequest[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(BASES);
    const collection = `${base.prefix}/namespaces/${ns}/${base.plural}`;
    const kind = rand();
    if (kind < 0.55) {
      const { object, what } = mutate(base.object, rand);
      object.metadata =
        typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : object.metadata;
      if (object.metadata && typeof object.metadata === 'object' && !Array.isArray(object.metadata))
        object.metadata.name ??= `h-${i}`;
      out.push({
        what: `create ${base.plural} with ${what}`,
        method: 'POST',
        path: `${collection}${base.real ? '' : '?dryRun=All'}`,
        body: JSON.stringify(object),
      });
    } else if (kind < 0.65) {
      const text = JSON.stringify({ ...base.object, metadata: { name: `t-${i}` } });
      const cut = Math.floor(rand() * text.length);
      const variants: Array<[string, string | Buffer, string]> = [
        ['truncated JSON', text.slice(0, cut), 'application/json'],
        ['truncated YAML', `metadata:\n  name: y-${i}\n  labels: {a: [`, 'application/yaml'],
        [
          'random bytes as JSON',
          Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))),
          'application/json',
        ],
        [
          'protobuf garbage',
          Buffer.concat([
            Buffer.from('k8s\0'),
            Buffer.from(Array.from({ length: 48 }, () => Math.floor(rand() * 256))),
          ]),
          'application/vnd.kubernetes.protobuf',
        ],
        [
          'protobuf without envelope',
          Buffer.from(Array.from({ length: 32 }, () => Math.floor(rand() * 256))),
          'application/vnd.kubernetes.protobuf',
        ],
        ['JSON of the wrong shape', '["a", "list"]', 'application/json'],
        ['JSON null', 'null', 'application/json'],
      ];
      const [what, body, contentType] = pick(variants);
      out.push({
        what: `${what} to ${base.plural}`,
        method: pick(['POST', 'PUT']),
        path: pick([collection, `${collection}/x-${i}`]),
        body,
        contentType,
      });
    } else if (kind < 0.8) {
      const patch = pick(BAD_PATCHES);
      const target = existing[base.plural] ?? 'missing';
      out.push({
        what: `${patch.contentType} patch ${patch.body.slice(0, 40)} on ${base.plural}`,
        method: 'PATCH',
        path: `${collection}/${target}${patch.contentType.startsWith('application/apply') ? '?fieldManager=hostile' : ''}`,
        body: patch.body,
        contentType: patch.contentType,
      });
    } else if (kind < 0.93) {
      const query = pick(BAD_QUERIES);
      const method = pick(['GET', 'GET', 'DELETE']);
      const target =
        method === 'DELETE'
          ? collection
          : pick([collection, `${collection}/${existing[base.plural] ?? 'missing'}`]);
      out.push({ what: `${method} ${base.plural}?${query}`, method, path: `${target}?${query}` });
    } else {
      const name = pick(BAD_NAMES);
      const method = pick(['GET', 'PUT', 'PATCH', 'DELETE']);
      out.push({
        what: `${method} ${base.plural}/${name.slice(0, 20)}`,
        method,
        path: `${collection}/${name}`,
        body: method === 'PUT' || method === 'PATCH' ? JSON.stringify(base.object) : undefined,
        contentType: method === 'PATCH' ? 'application/merge-patch+json' : undefined,
      });
    }
  }
  return out;
}
