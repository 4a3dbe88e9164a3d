import { describe, expect, it } from 'vitest';
import type { Pod } from '../../shared/pod-types';
import { applyPodDefaults, defaultPullPolicy } from './pod-defaults';
import { podStrategy } from './pod-strategy';
import { validatePod } from './validate-pod';

const pod = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec,
    ...extra,
  }) as unknown as Pod;
const noObjects = { list: () => [] };
const fields = (p: Pod) => validatePod(p).map((c) => `${c.field}: ${c.message.split(':')[0]}`);

describe('pod validation', () => {
  it.each([
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    [
      'duplicate container names',
      pod({ containers: [{ name: 'a', image: 'x:1' }], initContainers: [{ name: 'a', image: 'x:1' }] }),
      ['spec.containers[0].name: Duplicate value'],
    ],
    [
      'an invalid image reference',
      pod({ containers: [{ name: 'a', image: 'Not An Image' }] }),
      ['spec.containers[0].image: Invalid value'],
    ],
    [
      'a port out of range',
      pod({ containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 70000 }] }] }),
      ['spec.containers[0].ports[0].containerPort: Invalid value'],
    ],
    [
      'a probe with no handler',
      pod({ containers: [{ name: 'a', image: 'x:1', livenessProbe: { periodSeconds: 3 } }] }),
      ['spec.containers[0].livenessProbe: Required value'],
    ],
    [
      'a mount of a volume that does not exist',
      pod({ containers: [{ name: 'a', image: 'x:1', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }),
      ['spec.containers[0].volumeMounts[0].name: Not found'],
    ],
    [
      'requests above limits',
      pod({
        containers: [
          { name: 'a', image: 'x:1', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } },
        ],
      }),
      ['spec.containers[0].resources.requests[cpu]: Invalid value'],
    ],
    [
      'a named probe port the container lacks',
      pod({ containers: [{ name: 'a', image: 'x:1', readinessProbe: { httpGet: { port: 'http' } } }] }),
      ['spec.containers[0].readinessProbe.httpGet.port: Not found'],
    ],
    [
      'a bad restartPolicy',
      pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x:1' }] }),
      ['spec.restartPolicy: Unsupported value'],
    ],
    [
      'a configMap volume item that climbs out of the volume',
      pod({
        containers: [{ name: 'a', image: 'x:1' }],
        volumes: [{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'k', path: '../etc/passwd' }] } }],
      }),
      ['spec.volumes[0].configMap.items[0].path: Invalid value'],
    ],
    [
      'a secret volume without a secretName',
      pod({
        containers: [{ name: 'a', image: 'x:1' }],
        volumes: [{ name: 's', secret: { secretName: '' } }],
      }),
      ['spec.volumes[0].secret.secretName: Required value'],
    ],
    [
      // Unknown fields and quantities that are not ones are the structural check's (server/check-structure.ts).
      'a negative quantity',
      pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { memory: '-1Mi' } } }] }),
      ['spec.containers[0].resources.limits[memory]: Invalid value'],
    ],
  ])('rejects %s with the field path', (_what, input, expected) => {
    expect(fields(input)).toEqual(expected);
  });

  it('names 150 000 bad env names without overflowing the stack (no push(...causes))', () => {
    const env = Array.from({ length: 150_000 }, () => ({ name: 'B d', value: 'x' }));
    expect(validatePod(pod({ containers: [{ name: 'a', image: 'x:1', env }] }))).toHaveLength(150_000);
  }, 20_000);

  it('accepts a complete pod', () => {
    const ok = pod({
      containers: [
        {
          name: 'web',
          image: 'registry.example.com:5000/team/web:v2',
          ports: [{ containerPort: 8080, name: 'http' }],
          readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
          env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [{ name: 'data', emptyDir: { medium: 'Memory' } }],
    });
    expect(validatePod(ok)).toEqual([]);
  });

  it('applies Kubernetes defaults', () => {
    const p = pod({
      containers: [
        { name: 'a', image: 'nginx', livenessProbe: { httpGet: { port: 80 } } },
        { name: 'b', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '1Gi' } } },
      ],
    });
    applyPodDefaults(p);
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
    });
    expect(p.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      livenessProbe: {
        periodSeconds: 10,
        timeoutSeconds: 1,
        failureThreshold: 3,
        successThreshold: 1,
        httpGet: { path: '/', scheme: 'HTTP' },
      },
    });
    expect(p.spec.containers[1]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      resources: { requests: { cpu: '1', memory: '1Gi' } },
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
    expect(defaultPullPolicy('repo/app@sha256:' + 'a'.repeat(64))).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/app')).toBe('Always');
  });

  it('forbids spec updates other than images', () => {
    const old = pod({ containers: [{ name: 'a', image: 'x:1' }] });
    expect(podStrategy.validate(pod({ containers: [{ name: 'a', image: 'x:2' }] }), old, noObjects)).toEqual(
      [],
    );
    const changed = podStrategy.validate(
      pod({ containers: [{ name: 'a', image: 'x:1', command: ['sh'] }] }),
      old,
      noObjects,
    );
    expect(changed.map((c) => c.field)).toEqual(['spec']);
    expect(changed[0]?.message).toMatch(
      /^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });
});
