/**
 * A pod of a test web image serving on a port named `http` (8080), ready once /healthz answers, checked every
 * second and dropped after one failure — what the Service tests need to see readiness change quickly.
 */
export const webPod = (name: string, labels: Record<string, string>, image = 'skiff-test/web:v1') => ({
  metadata: { name, labels },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: 'web',
        image,
        ports: [{ name: 'http', containerPort: 8080 }],
        readinessProbe: {
          httpGet: { path: '/healthz', port: 'http' },
          periodSeconds: 1,
          failureThreshold: 1,
        },
      },
    ],
  },
});

/** A Deployment of `replicas` pods labelled app=<name>, running the given pod spec. */
export const deploymentOf = (name: string, podSpec: Record<string, unknown>, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { terminationGracePeriodSeconds: 1, ...podSpec } },
  },
});

/** An autoscaling/v2 HPA for Deployment `name` on CPU utilization (percent of requests), with extra spec fields. */
export const cpuAutoscalerFor = (
  name: string,
  percent: number,
  bounds: { min: number; max: number },
  more: Record<string, unknown> = {},
) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
    minReplicas: bounds.min,
    maxReplicas: bounds.max,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } },
      },
    ],
    ...more,
  },
});
