import { describe, expect, it } from 'vitest';
import type { Pod } from '../../shared/pod-types';
import { validatePod } from './validate-pod';

// Kubernetes 1.32's messages for sidecars, downwardAPI and projected volumes, resourceFieldRef and hostAliases.

const pod = (spec: Record<string, unknown>): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec }) as unknown as Pod;
const app = { name: 'app', image: 'x:1' };
const causes = (spec: Record<string, unknown>) =>
  validatePod(pod({ containers: [app], ...spec })).map((c) => `${c.field}: ${c.message}`);

describe('pod validation of sidecars, downward API, projected volumes and hostAliases', () => {
  it('accepts the Kubernetes docs shapes', () => {
    expect(
      causes({
        initContainers: [
          {
            name: 'logshipper',
            image: 'alpine:latest',
            restartPolicy: 'Always',
            command: ['sh', '-c', 'tail -F /opt/logs.txt'],
            readinessProbe: { grpc: { port: 9000, service: 'ready' } },
            startupProbe: { exec: { command: ['true'] } },
            lifecycle: { preStop: { exec: { command: ['true'] } } },
            volumeMounts: [{ name: 'data', mountPath: '/opt' }],
          },
        ],
        hostAliases: [
          { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
          { ip: '::1', hostnames: ['six'] },
        ],
        volumes: [
          { name: 'data', emptyDir: {} },
          {
            name: 'podinfo',
            downwardAPI: {
              items: [
                { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
                { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" } },
                {
                  path: 'mem',
                  resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
                },
              ],
            },
          },
          {
            name: 'all',
            projected: {
              defaultMode: 0o440,
              sources: [
                { configMap: { name: 'c', items: [{ key: 'a', path: 'a' }] } },
                { secret: { name: 's' } },
                { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
                { serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'vault' } },
              ],
            },
          },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'an init container restartPolicy other than Always',
      { initContainers: [{ name: 'i', image: 'x:1', restartPolicy: 'OnFailure' }] },
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure"',
    ],
    [
      'restartPolicy on an app container',
      { containers: [{ ...app, restartPolicy: 'Always' }] },
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ],
    [
      'a probe on a plain init container',
      { initContainers: [{ name: 'i', image: 'x:1', readinessProbe: { exec: { command: ['true'] } } }] },
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ],
    [
      'lifecycle on a plain init container',
      {
        initContainers: [
          { name: 'i', image: 'x:1', lifecycle: { preStop: { exec: { command: ['true'] } } } },
        ],
      },
      'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
    ],
    [
      'a downwardAPI volume field the kubelet cannot write',
      {
        volumes: [
          { name: 'd', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'spec.nodeName' } }] } },
        ],
      },
      'spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: Unsupported value: "spec.nodeName"',
    ],
    [
      'a resourceFieldRef in a volume without containerName',
      {
        volumes: [
          {
            name: 'd',
            downwardAPI: { items: [{ path: 'n', resourceFieldRef: { resource: 'limits.cpu' } }] },
          },
        ],
      },
      'spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName: Required value',
    ],
    [
      'a cpu divisor that is not 1 or 1m',
      {
        containers: [
          {
            ...app,
            env: [
              { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '10m' } } },
            ],
          },
        ],
      },
      'spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "10m": only divisor\'s values 1m, 1 are supported with the cpu resource',
    ],
    [
      'an unknown resource',
      {
        containers: [
          { ...app, env: [{ name: 'G', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] },
        ],
      },
      'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu"',
    ],
    [
      'a downward file path with ..',
      {
        volumes: [
          { name: 'd', downwardAPI: { items: [{ path: '../x', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ],
      },
      'spec.volumes[0].downwardAPI.items[0].path: Invalid value: "../x": must not contain \'..\'',
    ],
    [
      'two projected sources writing one path',
      {
        volumes: [
          {
            name: 'p',
            projected: {
              sources: [
                { downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'metadata.name' } }] } },
                { serviceAccountToken: { path: 'x' } },
              ],
            },
          },
        ],
      },
      'spec.volumes[0].projected.sources[1].serviceAccountToken.path: Invalid value: "x": conflicting duplicate paths',
    ],
    [
      'a token that expires in under 10 minutes',
      {
        volumes: [
          {
            name: 'p',
            projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] },
          },
        ],
      },
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ],
    [
      'a hostAlias with a bad IP',
      { hostAliases: [{ ip: '300.1.1.1', hostnames: ['a'] }] },
      'spec.hostAliases[0].ip: Invalid value: "300.1.1.1": must be a valid IP address',
    ],
    [
      'a hostAlias with a bad hostname',
      { hostAliases: [{ ip: '10.0.0.1', hostnames: ['Not_A_Name'] }] },
      'spec.hostAliases[0].hostnames[0]: Invalid value: "Not_A_Name"',
    ],
  ])('refuses %s', (_name, spec, expected) => {
    expect(causes(spec).some((c) => c.startsWith(expected))).toBe(true);
  });
});
