import { describe, expect, it } from 'vitest';
import type { Service } from '@shared/service-types';
import { nodePortsOf, recreateManifest } from './recreate-manifest';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-11-23T10:00:00Z',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '3', team: 'a' },
  },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
  status: { replicas: 3, readyReplicas: 3 },
};

const service = (nodePort: number, name = 'web'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop', uid: `u-${name}`, resourceVersion: '7' },
  spec: {
    type: 'NodePort',
    clusterIP: '10.96.0.12',
    clusterIPs: ['10.96.0.12'],
    selector: { app: 'web' },
    ports: [{ port: 80, targetPort: 8080, nodePort }],
  },
});

describe('recreateManifest', () => {
  it('keeps what the user wrote and drops what the server owns', () => {
    expect(recreateManifest(deployment)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { team: 'a' } },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
    });
  });

  it('drops the marks of a deletion in progress', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', deletionTimestamp: '2026-11-23T10:00:00Z', deletionGracePeriodSeconds: 30 },
      spec: { nodeName: 'skiff', containers: [{ name: 'a', image: 'x' }] },
    };
    expect(recreateManifest(pod).metadata).toEqual({ name: 'p' });
    expect(recreateManifest(pod).spec).toEqual({ containers: [{ name: 'a', image: 'x' }] });
  });

  it('keeps a Service nodePort that is still free and leaves the cluster IP to the server', () => {
    const again = recreateManifest(service(30080), new Set([30081])) as Service;
    expect(again.spec.ports).toEqual([{ port: 80, targetPort: 8080, nodePort: 30080 }]);
    expect(again.spec.clusterIP).toBeUndefined();
    expect(again.spec.clusterIPs).toBeUndefined();
  });

  it('lets the server choose a nodePort another Service took meanwhile', () => {
    const again = recreateManifest(service(30080), nodePortsOf([service(30080, 'other')])) as Service;
    expect(again.spec.ports).toEqual([{ port: 80, targetPort: 8080 }]);
  });

  it('does not change the object it was given', () => {
    const original = service(30080);
    recreateManifest(original, new Set([30080]));
    expect(original.spec.ports?.[0]?.nodePort).toBe(30080);
    expect(original.metadata.uid).toBe('u-web');
  });
});
