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
    expect(admit(svc({ ports: [{ port: 53, protocol: 'SCTP' }] }))).toEqual([
      'spec.ports[0].protocol: Unsupported value',
    ]);
  });

  it('takes UDP ports, and a UDP and a TCP port of one number', () => {
    expect(
      admit(
        svc({
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      admit(
        svc({
          ports: [
            { name: 'a', port: 53, protocol: 'UDP' },
            { name: 'b', port: 53, protocol: 'UDP' },
          ],
        }),
      ),
    ).toEqual(['spec.ports[1]: Duplicate value']);
  });

  it('takes headless Services (no ports needed) but not as NodePort or LoadBalancer', () => {
    expect(admit(svc({ clusterIP: 'None', selector: { app: 'db' } }))).toEqual([]);
    expect(admit(svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }))).toEqual([
      'spec.clusterIPs[0]: Invalid value',
    ]);
    const full = serviceStrategy.validate(
      svc({ type: 'LoadBalancer', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80 }] }),
      undefined,
      store,
    );
    expect(full[0]!.message).toBe(
      `Invalid value: "None": may not be set to 'None' for LoadBalancer services`,
    );
  });

  it('validates ExternalName Services as Kubernetes does', () => {
    const ok = svc({ type: 'ExternalName', externalName: 'db.example.com.' });
    expect(admit(ok)).toEqual([]);
    expect(ok.spec.ipFamilies).toBeUndefined();
    expect(ok.spec.clusterIP).toBeUndefined();
    expect(admit(svc({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
    expect(admit(svc({ type: 'ExternalName', externalName: 'Not_A_Name' }))).toEqual([
      'spec.externalName: Invalid value',
    ]);
    expect(admit(svc({ type: 'ExternalName', externalName: 'a.b', clusterIP: '10.0.0.1' }))).toEqual([
      'spec.clusterIPs: Forbidden',
    ]);
  });

  it('clears the cluster IP and families when the type becomes ExternalName, as dropTypeDependentFields', () => {
    const old = svc({
      type: 'ClusterIP',
      ports: [{ port: 80, protocol: 'TCP' }],
      clusterIP: '172.18.128.4',
      clusterIPs: ['172.18.128.4'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const next = svc({ ...structuredClone(old.spec), type: 'ExternalName', externalName: 'db.example.com' });
    expect(admit(next, old)).toEqual([]);
    expect(next.spec).not.toHaveProperty('clusterIP');
    expect(next.spec).not.toHaveProperty('clusterIPs');
    expect(next.spec).not.toHaveProperty('ipFamilies');
    const changed = svc({ ...structuredClone(old.spec), clusterIP: '172.18.128.9', clusterIPs: undefined });
    expect(admit(changed, old)).toEqual(['spec.clusterIPs[0]: Invalid value']);
  });
});

describe('a cluster IP given on create', () => {
  const namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'default', annotations: { 'skiff.io/service-cidr': '172.18.128.0/17' } },
  } as KubeObject;
  const holder = {
    ...existing,
    metadata: { ...existing.metadata, name: 'holder', uid: 'holder' },
    spec: { type: 'ClusterIP', clusterIP: '172.18.128.7', ports: [{ port: 80 }] },
  } as Service;
  const withRange = {
    list: (type: { kind: string }) => (type.kind === 'Namespace' ? [namespace] : [holder]),
  };
  const create = (clusterIP: string) => {
    const s = svc({ clusterIP, ports: [{ port: 80 }] });
    serviceStrategy.prepareForCreate!(s, withRange);
    return serviceStrategy.validate(s, undefined, withRange).map((c) => `${c.field}: ${c.message}`);
  };

  it('is taken when it is free and in the namespace range', () => {
    expect(create('172.18.130.20')).toEqual([]);
  });

  it("is refused with the allocator's messages otherwise", () => {
    expect(create('172.18.128.7')).toEqual([
      'spec.clusterIPs: Invalid value: []string{"172.18.128.7"}: failed to allocate IP 172.18.128.7: provided IP is already allocated',
    ]);
    expect(create('10.96.0.10')).toEqual([
      'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: the provided IP (10.96.0.10) is not in the valid range. The range of valid IPs is 172.18.128.0/17',
    ]);
    expect(create('172.18.255.254')[0]).toContain('is not in the valid range');
    expect(create('300.1.1.1')).toEqual([
      'spec.clusterIPs[0]: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('says when the namespace range is not known yet', () => {
    const s = svc({ clusterIP: '172.18.130.20', ports: [{ port: 80 }] });
    serviceStrategy.prepareForCreate!(s, store);
    expect(serviceStrategy.validate(s, undefined, store)[0]!.message).toContain('is not known yet');
  });
});
