import { pathSegments, requireValidPathSegment, type RequestTarget } from './request-target';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContainerMetrics, NodeMetrics, PodMetrics } from '../shared/autoscaling-types';
import type { Pod } from '../shared/pod-types';
import { apiVersionOf, nodeMetricsType, nodeType, podMetricsType, podType } from '../shared/resource-types';
import type { MetricsWindow, PodUsage } from '../shared/metrics-window';
import type { PodUsageHistory, UsageSample } from '../shared/metrics-types';
import { apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import { sendJson } from './http-io';

export const METRICS_PREFIX = '/apis/metrics.k8s.io/v1beta1/';
/** Skiff's own read-only extension for charts: the collector's recent samples, not only the latest. */
export const METRICS_HISTORY_PREFIX = '/apis/metrics.skiff.io/v1alpha1/';

export const cpuQuantity = (nanoCores: number) => `${Math.round(nanoCores)}n`;
export const memoryQuantity = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`;
const windowOf = (sample: UsageSample) => `${(sample.windowMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;

function podMetrics(usage: PodUsage, pod: Pod): PodMetrics {
  const sample = usage.samples.at(-1)!;
  const containers: ContainerMetrics[] = sample.containers.map((c) => ({
    name: c.name,
    usage: { cpu: cpuQuantity(c.cpuNanoCores), memory: memoryQuantity(c.memoryBytes) },
  }));
  return {
    apiVersion: apiVersionOf(podMetricsType),
    kind: 'PodMetrics',
    metadata: {
      name: usage.name,
      namespace: usage.namespace,
      labels: pod.metadata.labels,
      creationTimestamp: rfc3339(new Date()),
    },
    timestamp: rfc3339(new Date(sample.timestamp)),
    window: windowOf(sample),
    containers,
  };
}

function nodeMetrics(window: MetricsWindow, name: string, labels?: Record<string, string>): NodeMetrics[] {
  const sample = window.nodeSamples().at(-1);
  if (!sample) return [];
  return [
    {
      apiVersion: apiVersionOf(nodeMetricsType),
      kind: 'NodeMetrics',
      metadata: { name, labels, creationTimestamp: rfc3339(new Date()) },
      timestamp: rfc3339(new Date(sample.timestamp)),
      window: windowOf(sample),
      usage: { cpu: cpuQuantity(sample.cpuNanoCores), memory: memoryQuantity(sample.memoryBytes) },
    },
  ];
}

interface MetricsPath {
  namespace?: string;
  resource: 'pods' | 'nodes';
  name?: string;
}

function parsePath(rest: string): MetricsPath | undefined {
  const s = pathSegments(rest);
  const checked = (path: MetricsPath): MetricsPath => {
    if (path.namespace !== undefined) requireValidPathSegment(path.namespace, 'Namespace');
    if (path.name !== undefined) requireValidPathSegment(path.name, 'Name');
    return path;
  };
  if (s[0] === 'namespaces' && s[2] === 'pods' && s.length <= 4)
    return checked({ namespace: s[1], resource: 'pods', name: s[3] });
  if ((s[0] === 'pods' || s[0] === 'nodes') && s.length <= 2) return checked({ resource: s[0], name: s[1] });
  return undefined;
}

/** Pods that exist in the store (matching the request's selectors) and have usage, with their objects. */
function measuredPods(
  store: ObjectStore,
  window: MetricsWindow,
  path: MetricsPath,
  query: URLSearchParams,
): Array<{ usage: PodUsage; pod: Pod }> {
  const pods = store.list(podType, {
    namespace: path.namespace,
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
  }).items as Pod[];
  const byKey = new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`, p]));
  return window.podUsage(path.namespace).flatMap((usage) => {
    const pod = byKey.get(`${usage.namespace}/${usage.name}/${usage.uid}`);
    return pod && (path.name === undefined || usage.name === path.name) ? [{ usage, pod }] : [];
  });
}

const list = (kind: string, apiVersion: string, items: unknown[]) => ({
  kind,
  apiVersion,
  metadata: {},
  items,
});

const notFoundPath = () => apiErrors.notFound(podMetricsType, 'the requested resource');

/** GET-only metrics.k8s.io/v1beta1 (what `kubectl top` and the HPA read) and Skiff's history extension. */
export function handleMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
  store: ObjectStore,
  window: MetricsWindow,
): void {
  const history = url.path.startsWith(METRICS_HISTORY_PREFIX);
  const path = parsePath(url.path.slice((history ? METRICS_HISTORY_PREFIX : METRICS_PREFIX).length));
  if (!path) throw notFoundPath();
  if (req.method !== 'GET')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported: metrics are read-only`);
  if (path.resource === 'nodes') {
    const nodes = store
      .list(nodeType, { fieldSelector: path.name ? `metadata.name=${path.name}` : undefined })
      .items.filter((n) => !path.name || n.metadata.name === path.name);
    if (history) {
      const samples = window.nodeSamples();
      return sendJson(
        res,
        200,
        list(
          'NodeMetricsHistoryList',
          'metrics.skiff.io/v1alpha1',
          nodes.map((n) => ({ metadata: { name: n.metadata.name }, samples })),
        ),
      );
    }
    const items = nodes.flatMap((n) => nodeMetrics(window, n.metadata.name!, n.metadata.labels));
    if (path.name) {
      if (!items[0]) throw apiErrors.notFound(nodeMetricsType, path.name);
      return sendJson(res, 200, items[0]);
    }
    return sendJson(res, 200, list('NodeMetricsList', apiVersionOf(nodeMetricsType), items));
  }
  const pods = measuredPods(store, window, path, url.query);
  if (history) {
    const items = pods.map(({ usage, pod }): PodUsageHistory => ({
      metadata: { name: usage.name, namespace: usage.namespace, uid: usage.uid, labels: pod.metadata.labels },
      samples: usage.samples,
    }));
    return sendJson(res, 200, list('PodMetricsHistoryList', 'metrics.skiff.io/v1alpha1', items));
  }
  const items = pods.map(({ usage, pod }) => podMetrics(usage, pod));
  if (path.name) {
    if (!items[0]) throw apiErrors.notFound(podMetricsType, path.name);
    return sendJson(res, 200, items[0]);
  }
  return sendJson(res, 200, list('PodMetricsList', apiVersionOf(podMetricsType), items));
}
