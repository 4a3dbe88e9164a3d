import { describe, expect, it } from 'vitest';
import type { Endpoints, Service } from '../shared/service-types';
import { LABEL } from '../runtime/labels';
import { SERVICE_PROXY_FINALIZER } from '../store/kinds/service-strategy';
import {
  isCurrent,
  loadBalancerIngress,
  namespacesToJoin,
  nodePortContainer,
  planProxyAddress,
  planServiceProxy,
  proxyContainer,
  proxyRoutes,
  type ProxyPlan,
  type ServiceProxyPlan,
} from './plan-service-proxy';

const service = (spec: Partial<Service['spec']>, metadata: Partial<Service['metadata']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop', uid: 'aaaa-bbbb-cccc-dddd', ...metadata },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
});
const nodePorts = [
  { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
  { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' as const, nodePort: 30053 },
];
const wanted = (plan: ServiceProxyPlan): ProxyPlan => {
  if (!plan.wanted) throw new Error('expected a proxy');
  return plan;
};

describe('planServiceProxy: which proxies a Service gets', () => {
  const deleting = { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: [SERVICE_PROXY_FINALIZER] };
  const cases: Array<{
    name: string;
    service: Service | undefined;
    nodePortsOnHost: boolean;
    want: {
      proxy: boolean;
      published?: Array<[string, number]>;
      nodePortProxy?: number[];
      release?: boolean;
    };
  }> = [
    { name: 'gone', service: undefined, nodePortsOnHost: false, want: { proxy: false, release: false } },
    {
      name: 'deleted, holding the finalizer',
      service: service({}, deleting),
      nodePortsOnHost: false,
      want: { proxy: false, release: true },
    },
    {
      name: 'deleted, finalizer already gone',
      service: service({}, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      nodePortsOnHost: false,
      want: { proxy: false, release: false },
    },
    {
      name: 'headless: names only, keeps its finalizer while it lives',
      service: service({ clusterIP: 'None' }, { finalizers: [SERVICE_PROXY_FINALIZER] }),
      nodePortsOnHost: false,
      want: { proxy: false, release: false },
    },
    {
      name: 'ExternalName: names only',
      service: service({ type: 'ExternalName', externalName: 'example.com' }),
      nodePortsOnHost: true,
      want: { proxy: false, release: false },
    },
    {
      name: 'ClusterIP',
      service: service({ type: 'ClusterIP' }),
      nodePortsOnHost: false,
      want: { proxy: true, published: [] },
    },
    {
      name: 'ClusterIP, host reaches pods: still no host-network proxy',
      service: service({}),
      nodePortsOnHost: true,
      want: { proxy: true, published: [] },
    },
    {
      name: 'NodePort through Docker (Docker Desktop)',
      service: service({ type: 'NodePort', ports: nodePorts }),
      nodePortsOnHost: false,
      want: {
        proxy: true,
        published: [
          ['80/tcp', 30080],
          ['53/udp', 30053],
        ],
      },
    },
    {
      name: 'NodePort in the host network (local Linux engine)',
      service: service({ type: 'NodePort', ports: nodePorts }),
      nodePortsOnHost: true,
      want: { proxy: true, published: [], nodePortProxy: [30080, 30053] },
    },
    {
      name: 'LoadBalancer through Docker',
      service: service({ type: 'LoadBalancer', ports: [nodePorts[0]!] }),
      nodePortsOnHost: false,
      want: { proxy: true, published: [['80/tcp', 30080]] },
    },
    {
      name: 'LoadBalancer in the host network',
      service: service({ type: 'LoadBalancer', ports: [nodePorts[0]!] }),
      nodePortsOnHost: true,
      want: { proxy: true, published: [], nodePortProxy: [30080] },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const plan = planServiceProxy(c.service, c.nodePortsOnHost);
      expect(plan.wanted).toBe(c.want.proxy);
      if (!plan.wanted) return expect(plan.releaseFinalizer).toBe(c.want.release);
      expect(plan.key).toBe('shop/web');
      expect(plan.uid).toBe('aaaa-bbbb-cccc-dddd');
      expect(plan.published.map((p) => [p.containerPort, p.hostPort])).toEqual(c.want.published);
      expect(plan.nodePortProxy?.ports).toEqual(c.want.nodePortProxy);
    });

  it('names the Service by all its DNS forms at home and by the qualified ones elsewhere', () => {
    const plan = wanted(planServiceProxy(service({}), false));
    expect(plan.aliases).toEqual(['web', 'web.shop', 'web.shop.svc', 'web.shop.svc.cluster.local']);
    expect(plan.qualifiedAliases).toEqual(['web.shop', 'web.shop.svc', 'web.shop.svc.cluster.local']);
  });
});

describe('planServiceProxy: when the proxy container is made again (its shape)', () => {
  const shape = (s: Service, onHost: boolean) => wanted(planServiceProxy(s, onHost)).shape;
  const nodePortShape = (s: Service) => wanted(planServiceProxy(s, true)).nodePortProxy?.shape;
  const base = service({ type: 'NodePort', ports: [nodePorts[0]!] });
  const otherNodePort = service({ type: 'NodePort', ports: [{ ...nodePorts[0]!, nodePort: 30081 }] });
  const otherTarget = service({ type: 'NodePort', ports: [{ ...nodePorts[0]!, targetPort: 9090 }] });
  const clusterIP = service({ ports: [nodePorts[0]!] });

  it('a published nodePort changing remakes it: Docker cannot change a running container’s ports', () => {
    expect(shape(otherNodePort, false)).not.toBe(shape(base, false));
  });
  it('what the routes file carries (target ports, affinity) does not', () => {
    expect(shape(otherTarget, false)).toBe(shape(base, false));
    expect(shape(service({ sessionAffinity: 'ClientIP' }), false)).toBe(shape(service({}), false));
  });
  it('nodePorts served from the host network do not shape the in-network proxy, they shape the host one', () => {
    expect(shape(otherNodePort, true)).toBe(shape(base, true));
    expect(shape(base, true)).toBe(shape(clusterIP, false));
    expect(nodePortShape(otherNodePort)).not.toBe(nodePortShape(base));
    expect(nodePortShape(otherTarget)).toBe(nodePortShape(base));
  });
  it('switching between published and host-network nodePorts remakes it', () => {
    expect(shape(base, true)).not.toBe(shape(base, false));
  });
  it('keeps the shape hashes of earlier Skiff versions, so an upgrade remakes no proxy', () => {
    // sha256 of JSON [] / [[port, nodePort]] / [nodePort], first 12 hex digits
    expect(shape(clusterIP, false)).toBe('4f53cda18c2b');
    expect(shape(base, false)).toBe('08c38afec7b4');
    expect(nodePortShape(base)).toBe('7ea56591228d');
  });
  it('a found container is current only with the same Service uid and shape', () => {
    const plan = wanted(planServiceProxy(base, false));
    const labels = { [LABEL.serviceUid]: plan.uid, [LABEL.specHash]: plan.shape };
    expect(isCurrent(labels, plan.uid, plan.shape)).toBe(true);
    expect(isCurrent({ ...labels, [LABEL.serviceUid]: 'recreated' }, plan.uid, plan.shape)).toBe(false);
    expect(isCurrent({ ...labels, [LABEL.specHash]: 'old' }, plan.uid, plan.shape)).toBe(false);
  });
});

describe('planProxyAddress', () => {
  const range = '172.20.128.0/17';
  const other = (ip: string, uid = 'other') => service({ clusterIP: ip }, { uid, name: `svc-${ip}` });
  const cases: Array<{
    name: string;
    service: Service;
    range: string | undefined;
    others: Service[];
    chosen: Array<[string, string]>;
    want: string | undefined;
  }> = [
    {
      name: 'no services range: Docker chooses',
      service: service({}),
      range: undefined,
      others: [],
      chosen: [],
      want: undefined,
    },
    {
      name: 'the lowest free address',
      service: service({}),
      range,
      others: [],
      chosen: [],
      want: '172.20.128.1',
    },
    {
      name: 'keeps its cluster IP when re-created',
      service: service({ clusterIP: '172.20.130.7' }),
      range,
      others: [],
      chosen: [],
      want: '172.20.130.7',
    },
    {
      name: 'skips addresses other Services hold',
      service: service({}),
      range,
      others: [other('172.20.128.1'), other('172.20.128.2')],
      chosen: [],
      want: '172.20.128.3',
    },
    {
      name: 'skips an address chosen for another new Service the store does not show yet',
      service: service({}),
      range,
      others: [],
      chosen: [['another-uid', '172.20.128.1']],
      want: '172.20.128.2',
    },
    {
      name: 'asks again for the address chosen for it before',
      service: service({}),
      range,
      others: [],
      chosen: [['aaaa-bbbb-cccc-dddd', '172.20.128.9']],
      want: '172.20.128.9',
    },
    {
      name: 'its own entry in the list of Services is not a conflict',
      service: service({ clusterIP: '172.20.128.4' }),
      range,
      others: [service({ clusterIP: '172.20.128.4' })],
      chosen: [],
      want: '172.20.128.4',
    },
    {
      name: 'a cluster IP outside the range (another network split) gets a new address',
      service: service({ clusterIP: '10.9.0.4' }),
      range,
      others: [],
      chosen: [],
      want: '172.20.128.1',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(planProxyAddress(c.service, c.range, c.others, new Map(c.chosen))).toBe(c.want);
    });
});

describe('namespacesToJoin', () => {
  it('joins every other live namespace with pods that it is not on yet', () => {
    const namespaces = [
      { name: 'shop', deleting: false }, // its own: it is there under the short name already
      { name: 'tools', deleting: false },
      { name: 'empty', deleting: false }, // no pods, no network
      { name: 'leaving', deleting: true },
      { name: 'joined', deleting: false },
    ];
    const withPods = new Set(['shop', 'tools', 'leaving', 'joined']);
    expect(namespacesToJoin(service({}), namespaces, withPods, (ns) => ns === 'joined')).toEqual(['tools']);
  });
});

describe('proxy containers', () => {
  const place = {
    namespace: 'shop',
    name: 'web',
    image: 'skiff-proxy:1',
    volume: 'skiff-1234-svc-abc',
    volumeTarget: '/skiff/volumes/config',
  };

  it('a ClusterIP proxy: on its network under its names, asking for its address, publishing nothing', () => {
    const plan = wanted(planServiceProxy(service({}), false));
    const spec = proxyContainer(plan, { ...place, network: 'skiff-1234-shop', address: '172.20.128.5' });
    expect(spec.name).toBe('skiff_shop_web_SVC_aaaabbbbcc');
    expect(spec.body).toMatchObject({
      Image: 'skiff-proxy:1',
      Cmd: ['/skiff/volumes/config/routes'],
      Labels: { [LABEL.role]: 'service-proxy', [LABEL.service]: 'shop/web', [LABEL.specHash]: plan.shape },
      HostConfig: {
        NetworkMode: 'skiff-1234-shop',
        Mounts: [{ Type: 'volume', Source: 'skiff-1234-svc-abc', Target: '/skiff/volumes/config' }],
      },
      NetworkingConfig: {
        EndpointsConfig: {
          'skiff-1234-shop': { Aliases: plan.aliases, IPAMConfig: { IPv4Address: '172.20.128.5' } },
        },
      },
    });
    expect(spec.body.ExposedPorts).toBeUndefined();
    expect((spec.body.HostConfig as Record<string, unknown>).PortBindings).toBeUndefined();
  });

  it('without an address Docker picks one', () => {
    const plan = wanted(planServiceProxy(service({}), false));
    const spec = proxyContainer(plan, { ...place, network: 'n', address: undefined });
    expect(spec.body.NetworkingConfig).toEqual({ EndpointsConfig: { n: { Aliases: plan.aliases } } });
  });

  it('a NodePort proxy through Docker publishes each port on 127.0.0.1 only', () => {
    const plan = wanted(planServiceProxy(service({ type: 'NodePort', ports: nodePorts }), false));
    const spec = proxyContainer(plan, { ...place, network: 'n', address: undefined });
    expect(spec.body.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect((spec.body.HostConfig as Record<string, unknown>).PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '30080' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '30053' }],
    });
  });

  it('the host-network proxy reads the node routes', () => {
    const plan = wanted(planServiceProxy(service({ type: 'NodePort', ports: nodePorts }), true));
    const spec = nodePortContainer({ ...plan, nodePortProxy: plan.nodePortProxy! }, place);
    expect(spec.name).toBe('skiff_shop_web_NODEPORT_aaaabbbbcc');
    expect(spec.body).toMatchObject({
      Cmd: ['/skiff/volumes/config/node-routes'],
      Labels: { [LABEL.role]: 'service-nodeport', [LABEL.specHash]: plan.nodePortProxy!.shape },
      HostConfig: { NetworkMode: 'host' },
    });
  });
});

describe('proxyRoutes and status', () => {
  it('writes the routes and node routes files from the ready endpoints', () => {
    const svc = service({ type: 'NodePort', ports: [nodePorts[0]!] });
    const endpoints: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'shop' },
      subsets: [{ addresses: [{ ip: '10.0.0.3' }], ports: [{ name: 'http', port: 8080 }] }],
    };
    const files = Object.fromEntries(proxyRoutes(svc, endpoints).map((f) => [f.path, f.content]));
    expect(files.routes).toBe('listen 80 none 10.0.0.3:8080\n');
    expect(files['node-routes']).toContain('30080');
    expect(files['node-routes']).toContain('10.0.0.3:8080');
  });

  it('a LoadBalancer shows 127.0.0.1 as its ingress; other types none', () => {
    expect(loadBalancerIngress(service({ type: 'LoadBalancer' }))).toEqual([{ ip: '127.0.0.1' }]);
    expect(loadBalancerIngress(service({ type: 'NodePort' }))).toBeUndefined();
  });
});
