import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import type { Service } from '../shared/service-types';
import { planEndpoints } from './plan-endpoints';

const service = (
  ports: Service['spec']['ports'],
  selector: Record<string, string> | undefined = { app: 'web' },
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector, ports, clusterIP: '172.20.0.9' },
});

function pod(
  name: string,
  ip: string,
  o: { ready?: boolean; port?: number; deleting?: boolean; phase?: string; app?: string } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: { app: o.app ?? 'web' },
      ...(o.deleting ? { deletionTimestamp: '2026-11-23T12:00:00Z' } : {}),
    },
    spec: {
      nodeName: 'skiff',
      containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: o.port ?? 8080 }] }],
    },
    status: {
      phase: (o.phase ?? 'Running') as never,
      podIP: ip,
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

describe('planEndpoints', () => {
  it('splits ready from not-ready pods, leaves out terminating, finished and unselected ones', () => {
    const plan = planEndpoints(service([{ port: 80, targetPort: 8080 }]), [
      pod('a', '10.0.0.2'),
      pod('b', '10.0.0.10', { ready: false }),
      pod('c', '10.0.0.3', { deleting: true }),
      pod('d', '10.0.0.4', { phase: 'Succeeded' }),
      pod('e', '10.0.0.5', { app: 'other' }),
    ]);
    expect(plan.subsets).toEqual([
      {
        addresses: [
          expect.objectContaining({ ip: '10.0.0.2', targetRef: expect.objectContaining({ name: 'a' }) }),
        ],
        notReadyAddresses: [expect.objectContaining({ ip: '10.0.0.10' })],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(plan.slices[0]!.endpoints.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.0.0.2', { ready: true, serving: true, terminating: false }],
      ['10.0.0.3', { ready: false, serving: true, terminating: true }],
      ['10.0.0.10', { ready: false, serving: false, terminating: false }],
    ]);
  });

  it('resolves a named targetPort per pod, and groups pods by the ports they resolve to', () => {
    const plan = planEndpoints(service([{ name: 'web', port: 80, targetPort: 'http' }]), [
      pod('a', '10.0.0.2', { port: 8080 }),
      pod('b', '10.0.0.3', { port: 9090 }),
    ]);
    expect(plan.subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports])).toEqual([
      [['10.0.0.2'], [{ name: 'web', port: 8080, protocol: 'TCP' }]],
      [['10.0.0.3'], [{ name: 'web', port: 9090, protocol: 'TCP' }]],
    ]);
    const missing = planEndpoints(service([{ port: 80, targetPort: 'nope' }]), [pod('a', '10.0.0.2')]);
    expect(missing.subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.0.0.2' })] }]);
  });
});
