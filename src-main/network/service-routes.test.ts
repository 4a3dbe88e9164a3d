import { describe, expect, it } from 'vitest';
import type { Service } from '../shared/service-types';
import { nodePortRoutes, serviceEnv, serviceRoutes } from './service-routes';

const service = (ports: Service['spec']['ports']): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports, clusterIP: '172.20.0.9' },
});

describe('service routes', () => {
  it("writes a NodePort proxy's routes: each nodePort on 127.0.0.1 only, to the ready endpoints", () => {
    const svc = service([
      { name: 'http', port: 80, targetPort: 8080, nodePort: 30080 },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ]);
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.3' }],
          ports: [
            { name: 'http', port: 8080 },
            { name: 'admin', port: 9000 },
          ],
        },
      ],
    };
    expect(nodePortRoutes(svc, endpoints)).toBe('listen 127.0.0.1:30080 none 10.0.0.3:8080\n');
  });

  it('writes the proxy routes from ready addresses, and the service environment', () => {
    const svc = service([
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'admin', port: 9000, targetPort: 9000 },
    ]);
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.3' }, { ip: '10.0.0.2' }],
          notReadyAddresses: [{ ip: '10.0.0.9' }],
          ports: [
            { name: 'http', port: 8080 },
            { name: 'admin', port: 9000 },
          ],
        },
      ],
    };
    expect(serviceRoutes(svc, endpoints)).toBe(
      'listen 80 none 10.0.0.2:8080 10.0.0.3:8080\nlisten 9000 none 10.0.0.2:9000 10.0.0.3:9000\n',
    );
    expect(serviceRoutes({ ...svc, spec: { ...svc.spec, sessionAffinity: 'ClientIP' } }, undefined)).toBe(
      'listen 80 clientip\nlisten 9000 clientip\n',
    );
    expect(Object.fromEntries(serviceEnv(svc))).toMatchObject({
      WEB_SERVICE_HOST: '172.20.0.9',
      WEB_SERVICE_PORT: '80',
      WEB_SERVICE_PORT_ADMIN: '9000',
      WEB_PORT: 'tcp://172.20.0.9:80',
      WEB_PORT_9000_TCP_ADDR: '172.20.0.9',
    });
  });

  it('routes UDP ports with udp lines, a TCP and a UDP port of one number each to its own endpoints port', () => {
    const svc = service([
      { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP', nodePort: 30053 },
      { name: 'dns-tcp', port: 53, targetPort: 5353, protocol: 'TCP' },
    ]);
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web' },
      subsets: [
        {
          addresses: [{ ip: '10.0.0.3' }],
          ports: [
            { name: 'dns-tcp', port: 5353, protocol: 'TCP' },
            { name: 'dns', port: 5353, protocol: 'UDP' },
          ],
        },
      ],
    };
    expect(serviceRoutes(svc, endpoints)).toBe('udp 53 none 10.0.0.3:5353\nlisten 53 none 10.0.0.3:5353\n');
    expect(nodePortRoutes(svc, endpoints)).toBe('udp 127.0.0.1:30053 none 10.0.0.3:5353\n');
  });
});
