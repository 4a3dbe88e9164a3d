import fc from 'fast-check';

// Valid objects of the kinds Skiff serves, and fast-check arbitraries that break them the ways a hostile or
// careless client would: wrong types, null list items, huge and negative numbers, deep nesting, 1 MB strings,
// NUL and lone surrogates, unknown fields. Used by e2e/integration/hostile-bodies.test.ts.

const podSpec = (image = 'skiff-test/none:1') => ({
  // Never scheduled: no node carries this label, so no container is ever started for the base Pod.
  nodeSelector: { 'skiff.io/fuzz-target': 'none' },
  containers: [
    {
      name: 'app',
      image,
      command: ['sh', '-c', 'sleep 1'],
      ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }],
      env: [{ name: 'A', value: 'b' }],
      resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '50m' } },
      readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 },
      volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }],
    },
  ],
  volumes: [{ name: 'scratch', emptyDir: {} }],
  terminationGracePeriodSeconds: 1,
});

const template = {
  metadata: { labels: { app: 'fuzz' }, annotations: { a: 'b' } },
  spec: podSpec(),
};

/** Valid bodies keyed by "group/version/Kind" (core group: "/v1/Kind"); `name` is filled in. */
export const validSamples: Record<string, Record<string, unknown>> = {
  '/v1/Namespace': { metadata: { labels: { a: 'b' } } },
  '/v1/ConfigMap': { data: { key: 'value' }, binaryData: { bin: 'AAEC' } },
  '/v1/Secret': { type: 'Opaque', data: { key: 'dmFsdWU=' }, stringData: { other: 'x' } },
  '/v1/Pod': { metadata: { labels: { app: 'fuzz' } }, spec: podSpec() },
  '/v1/Node': { metadata: { labels: { a: 'b' } }, spec: { unschedulable: true } },
  '/v1/Event': {
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'x' },
    reason: 'Fuzz',
    message: 'm',
    type: 'Normal',
    count: 1,
  },
  '/v1/Service': {
    spec: {
      selector: { app: 'fuzz' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      type: 'ClusterIP',
    },
  },
  '/v1/Endpoints': {
    subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
  },
  '/v1/PersistentVolumeClaim': {
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      // No provisioner serves this class: the claim stays Pending and no Docker volume is made.
      storageClassName: 'fuzz-none',
    },
  },
  '/v1/PersistentVolume': {
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      hostPath: { path: '/tmp/skiff-fuzz' },
      persistentVolumeReclaimPolicy: 'Retain',
    },
  },
  'apps/v1/Deployment': {
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'fuzz' } },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    },
  },
  'apps/v1/ReplicaSet': {
    spec: { replicas: 0, selector: { matchLabels: { app: 'fuzz' } }, template },
  },
  '/v1/ReplicationController': {
    spec: { replicas: 0, selector: { app: 'fuzz' }, template },
  },
  'apps/v1/StatefulSet': {
    spec: { replicas: 0, serviceName: 'fuzz', selector: { matchLabels: { app: 'fuzz' } }, template },
  },
  'apps/v1/DaemonSet': {
    // A node selector no node has: the set is stored and checked, and runs nothing.
    spec: {
      selector: { matchLabels: { app: 'fuzz' } },
      template: { ...template, spec: { ...podSpec(), nodeSelector: { 'fuzz.skiff.io/none': 'true' } } },
    },
  },
  'apps/v1/ControllerRevision': {
    revision: 1,
    data: { spec: { template: { metadata: { labels: { a: 'b' } } } } },
  },
  'networking.k8s.io/v1/IngressClass': { spec: { controller: 'example.com/fuzz' } },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'none' },
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
  'autoscaling/v1/HorizontalPodAutoscaler': {
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'none' },
      minReplicas: 1,
      maxReplicas: 3,
      targetCPUUtilizationPercentage: 50,
    },
  },
  'batch/v1/Job': {
    spec: { backoffLimit: 1, template: { ...template, spec: { ...podSpec(), restartPolicy: 'Never' } } },
  },
  'batch/v1/CronJob': {
    spec: {
      schedule: '0 0 1 1 *',
      suspend: true,
      jobTemplate: {
        spec: { template: { ...template, spec: { ...podSpec(), restartPolicy: 'OnFailure' } } },
      },
    },
  },
  'storage.k8s.io/v1/StorageClass': { provisioner: 'skiff.io/docker-volume', reclaimPolicy: 'Delete' },
  'discovery.k8s.io/v1/EndpointSlice': {
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  },
  'networking.k8s.io/v1/Ingress': {
    spec: {
      rules: [
        {
          host: 'fuzz.local',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'svc', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  },
};

/** Kinds whose writes are real (nothing runs for them); every other kind is written with dryRun=All. */
export const REAL_WRITE_KINDS = new Set(['ConfigMap', 'Secret', 'Event', 'Endpoints', 'EndpointSlice']);

export const BIG_STRING = 'x'.repeat(1024 * 1024);
/** Tokens replaced in the serialized body by 20 000 levels of nesting (JSON.stringify would overflow). */
export const DEEP_ARRAY = '\u0001deep-array';
export const DEEP_OBJECT = '\u0001deep-object';
/** Replaced by a list of 120 000 objects with a bad name each (2.2 MB): 120 000 causes if nothing bounds them. */
export const HUGE_LIST = '\u0001huge-list';

export function serialize(body: unknown): string {
  return JSON.stringify(body)
    .replaceAll(JSON.stringify(DEEP_ARRAY), `${'['.repeat(20_000)}${']'.repeat(20_000)}`)
    .replaceAll(JSON.stringify(DEEP_OBJECT), `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`)
    .replaceAll(JSON.stringify(HUGE_LIST), `[${Array(120_000).fill('{"name":"B d"}').join(',')}]`);
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    -1,
    0,
    2 ** 31,
    2 ** 63,
    -(2 ** 53) - 2,
    1e308,
    -0.5,
    true,
    false,
    '',
    'string',
    '-1',
    '1e400',
    '\u0000',
    '\ud800',
    'é\u202e名\u0000',
    {},
    [],
    [null],
    [null, 1, 'a', {}],
    { '': null },
    DEEP_ARRAY,
    DEEP_OBJECT,
    HUGE_LIST,
  ),
  fc.constantFrom(BIG_STRING, 'x'.repeat(300_000)),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.constant(null), fc.integer(), fc.string()), {
    maxKeys: 3,
  }),
);

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `value` (object keys and list indices), the root excluded. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

export type Mutation =
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'unknown-field'; at: number; key: string; value: unknown }
  | { op: 'null-item'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('unknown-field' as const),
      at: fc.nat(),
      key: fc.string({ minLength: 1, maxLength: 10 }),
      value: hostileValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('null-item' as const), at: fc.nat() }) },
);

/** Applies mutations to a copy of `base`; returns it and the JSON pointer of the last one (for JSON patches). */
export function mutate(
  base: Record<string, unknown>,
  mutations: Mutation[],
): { body: Json; pointer: string } {
  const body = structuredClone(base);
  let pointer = '/metadata/labels';
  for (const m of mutations) {
    const paths = pathsOf(body);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], body);
    const key = path[path.length - 1]!;
    pointer = `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
    if (parent === null || typeof parent !== 'object') continue;
    switch (m.op) {
      case 'replace':
        parent[key] = m.value;
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        break;
      case 'unknown-field': {
        const target = parent[key];
        if (target && typeof target === 'object' && !Array.isArray(target)) target[m.key] = m.value;
        else parent[`${String(key)}${m.key}`] = m.value;
        break;
      }
      case 'null-item': {
        const target = parent[key];
        if (Array.isArray(target)) target[0] = null;
        else parent[key] = [null];
        break;
      }
    }
  }
  return { body, pointer };
}

export const writePaths = [
  'create',
  'update',
  'merge-patch',
  'json-patch',
  'strategic-merge-patch',
  'apply',
  'status',
  'scale',
  'protobuf',
] as const;
export type WritePath = (typeof writePaths)[number];
