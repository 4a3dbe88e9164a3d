import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import type { Service } from '../../shared/service-types';
import { serviceStrategy } from './service-strategy';

const existing: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'taken', namespace: 'default', uid: 'other' },
  spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
};
const store = { list: () => [existing as KubeObject] };
const svc = (spec: Service['spec']): Service =>
  ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', uid: 'me' },
    spec,
  }) as Service;
const admit = (s: Service, old?: Service) => {
  if (old) serviceStrategy.prepareForUpdate!(s, old, store);
  else serviceStrategy.prepareForCreate!(s, store);
  return serviceStrategy.validate(s, old, store).map((c) => `${c.field}: ${c.message.split(':')[0]}`);
};

describe('Service admission', () => {
  it('defaults like the apiserver and allocates a free nodePort', () => {
    const s = svc({ type: 'NodePort', ports: [{ port: 80 }] });
    expect(admit(s)).toEqual([]);
    expect(s.spec).toMatchObject({
      sessionAffinity: 'None',
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
    });
    expect(s.spec.ports![0]!.nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.spec.ports![0]!.nodePort).not.toBe(30080);
    expect(s.metadata.finalizers).toEqual(['skiff.io/service-proxy']);
  });

  it('keeps node ports on update, and drops them when the type becomes ClusterIP', () => {
    const old = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] });
    const same = svc({ type: 'NodePort', ports: [{ port: 80, protocol: 'TCP' }] });
    expect(admit(same, old)).toEqual([]);
    expect(same.spec.ports![0]!.nodePort).toBe(31000);
    const cluster = svc({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 31000 }] });
    expect(admit(cluster, old)).toEqual([]);
    expect(cluster.spec.ports![0]!.nodePort).toBeUndefined();
  });

  it('names the field of each mistake', () => {
    expect(admit(svc({ ports: [] }))).toEqual(['spec.ports: Required value']);
    expect(admit(svc({ ports: [{ port: 80 }, { name: 'b', port: 81 }] }))).toEqual([
      'spec.ports[0].name: Required value',
    ]);
    expect(admit(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([
      'spec.ports[0].nodePort: Invalid value',
    ]);
    expect(admit(svc({ ports: [{ port: 80, targetPort: 'Not_A_Name' }] }))).toEqual([
      'spec.ports[0].targetPort: Invalid value',
    ]);
    expect(admit(svc({ ports: [{ port: 53, protocol: 'UDP' }] }))).toEqual([
      'spec.ports[0].protocol: Unsupported value',
    ]);
    expect(admit(svc({ type: 'ExternalName', ports: [{ port: 80 }] }))).toEqual([
      'spec.type: Unsupported value',
    ]);
  });
});
