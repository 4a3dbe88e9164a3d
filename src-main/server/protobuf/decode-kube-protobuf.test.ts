import { describe, expect, it } from 'vitest';
import { ApiError } from '../../store/api-error';
import { decodeKubeProtobuf } from './decode-kube-protobuf';
import { bytesOf, kubectlBodies } from './kubectl-captures';
import { envelope, field, message } from './test-wire-writer';

function decodeError(body: Uint8Array): ApiError {
  try {
    decodeKubeProtobuf(body);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('decoded without an error');
}

const meta = (name: string) => field(1, message(field(1, name)));

describe('decodeKubeProtobuf on what kubectl 1.32 sends', () => {
  // The JSON is what the same command prints with --dry-run=client -o json, less Go's `creationTimestamp:
  // null` and the zero status counters Go prints for fields without omitempty (both mean "unset").
  it.each<[keyof typeof kubectlBodies, object]>([
    [
      'namespace',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: {}, status: {} },
    ],
    [
      'configMap',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings' },
        data: { empty: '', mode: 'fast' },
      },
    ],
    [
      'secret',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } },
    ],
    [
      'deployment',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                { name: 'web', image: 'skiff-test/web:v1', ports: [{ containerPort: 8080 }], resources: {} },
              ],
            },
          },
          strategy: {},
        },
        status: {},
      },
    ],
    [
      'deploymentOfZero',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'zero', labels: { app: 'zero' } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'zero' } },
          template: {
            metadata: { labels: { app: 'zero' } },
            spec: { containers: [{ name: 'web', image: 'skiff-test/web:v1', resources: {} }] },
          },
          strategy: {},
        },
        status: {},
      },
    ],
    [
      'serviceClusterIp',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
          selector: { app: 'web' },
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      },
    ],
    [
      'serviceNodePort',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web-np', labels: { app: 'web-np' } },
        spec: {
          ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
          selector: { app: 'web-np' },
          type: 'NodePort',
        },
        status: { loadBalancer: {} },
      },
    ],
    [
      'autoscale',
      {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
          minReplicas: 1,
          maxReplicas: 4,
          targetCPUUtilizationPercentage: 50,
        },
        status: {},
      },
    ],
    [
      'ingress',
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web' },
        spec: {
          rules: [
            {
              host: 'web.example.com',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'web', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
        status: { loadBalancer: {} },
      },
    ],
  ])('%s', (name, expected) => {
    expect(decodeKubeProtobuf(bytesOf(kubectlBodies[name]))).toEqual(expected);
  });

  it('a copied pod: inline Go fields, probes, quantities, pointers set to zero', () => {
    const pod = decodeKubeProtobuf(bytesOf(kubectlBodies.podCopy)) as {
      metadata: { annotations: Record<string, string> };
      spec: unknown;
    };
    expect(pod.metadata.annotations.note).toBe('proto test');
    expect(pod.spec).toEqual({
      volumes: [
        {
          name: 'config',
          configMap: { name: 'settings', items: [{ key: 'mode', path: 'mode.txt' }], defaultMode: 420 },
        },
        { name: 'scratch', emptyDir: { sizeLimit: '10Mi' } },
        { name: 'creds', secret: { secretName: 'db' } },
      ],
      containers: [
        {
          name: 'app',
          image: 'skiff-test/web:v1',
          args: ['--port', '8080'],
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'MODE', value: 'fast' },
            {
              name: 'PASSWORD',
              valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: false } },
            },
            { name: 'SETTING', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
          ],
          envFrom: [{ configMapRef: { name: 'settings' } }],
          resources: { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
          volumeMounts: [
            { name: 'config', readOnly: true, mountPath: '/etc/config' },
            { name: 'scratch', mountPath: '/scratch' },
          ],
          livenessProbe: {
            tcpSocket: { port: 8080 },
            initialDelaySeconds: 1,
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          readinessProbe: {
            httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 2,
            successThreshold: 1,
            failureThreshold: 3,
          },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 0,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      securityContext: {},
    });
  });
});

describe('decodeKubeProtobuf on bodies built by hand', () => {
  it('keeps a Scale of zero replicas (a Go value field whose zero means "scale to zero")', () => {
    const body = envelope('autoscaling/v1', 'Scale', message(meta('web'), field(2, message(field(1, 0)))));
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web' },
      spec: { replicas: 0 },
    });
  });

  it('reads DeleteOptions under any apiVersion, keeping a grace period of 0', () => {
    const body = envelope(
      'apps/v1',
      'DeleteOptions',
      message(field(1, 0), field(2, message(field(1, 'uid-1'))), field(4, 'Foreground'), field(5, 'All')),
    );
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      preconditions: { uid: 'uid-1' },
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
  });

  it('reads an autoscaling/v2 HorizontalPodAutoscaler with metrics and quantities', () => {
    const target = (...fields: number[][]) => field(2, message(...fields));
    const metric = (name: string, t: number[]) =>
      field(4, message(field(1, 'Resource'), field(4, message(field(1, name), t))));
    const body = envelope(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      message(
        meta('web'),
        field(
          2,
          message(
            field(1, message(field(1, 'Deployment'), field(2, 'web'), field(3, 'apps/v1'))),
            field(3, 4),
            metric('cpu', target(field(1, 'Utilization'), field(4, 50))),
            metric('memory', target(field(1, 'AverageValue'), field(3, message(field(1, '200Mi'))))),
          ),
        ),
      ),
    );
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
        maxReplicas: 4,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } },
          },
        ],
      },
    });
  });

  it('reads times, IntOrStrings set to a name or to a kept 0, and packed numbers', () => {
    const time = message(field(1, 1714557600), field(2, 500_000_000));
    const pod = envelope(
      'v1',
      'Pod',
      message(
        field(1, message(field(1, 'p'), field(9, time))),
        // supplementalGroups, packed: one length-delimited run of varints
        field(2, message(field(14, message(field(4, [0x01, 0x02, 0x03]))))),
      ),
    );
    expect(decodeKubeProtobuf(pod)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', deletionTimestamp: '2024-05-01T10:00:00Z' },
      spec: { securityContext: { supplementalGroups: [1, 2, 3] } },
    });
    const event = envelope('v1', 'Event', message(meta('e'), field(10, time)));
    expect(decodeKubeProtobuf(event)).toMatchObject({ eventTime: '2024-05-01T10:00:00.500000Z' });
    const rolling = message(field(1, message(field(1, 1), field(3, '25%'))), field(2, message(field(2, 0))));
    const deployment = envelope(
      'apps/v1',
      'Deployment',
      message(meta('d'), field(2, message(field(4, message(field(1, 'RollingUpdate'), field(2, rolling)))))),
    );
    expect(decodeKubeProtobuf(deployment)).toMatchObject({
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } } },
    });
  });

  it('merges a message field sent twice, as protobuf does', () => {
    const body = envelope(
      'v1',
      'ConfigMap',
      message(meta('c'), field(1, message(field(11, message(field(1, 'app'), field(2, 'web')))))),
    );
    expect(decodeKubeProtobuf(body)).toMatchObject({ metadata: { name: 'c', labels: { app: 'web' } } });
  });

  it('skips an unknown field that carries only a zero (a newer client sends every unset value field)', () => {
    const body = envelope(
      'v1',
      'Namespace',
      message(meta('n'), field(2, message(field(9, 0), field(10, '')))),
    );
    expect(decodeKubeProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'n' },
      spec: {},
    });
  });
});

describe('decodeKubeProtobuf refuses what it cannot read faithfully', () => {
  it.each([
    [
      'an unknown field with a value',
      envelope('apps/v1', 'Deployment', message(meta('d'), field(2, message(field(99, 5))))),
      415,
      'Skiff does not know field 99 of apps.v1.DeploymentSpec (at spec) in this Deployment; it is probably newer than Kubernetes 1.32: send the object as JSON instead',
    ],
    [
      'an unknown field inside a Quantity',
      envelope(
        'v1',
        'Pod',
        message(
          meta('p'),
          field(
            2,
            message(
              field(
                2,
                message(
                  field(1, 'c'),
                  field(8, message(field(1, message(field(1, 'cpu'), field(2, message(field(7, 'x'))))))),
                ),
              ),
            ),
          ),
        ),
      ),
      415,
      'Skiff does not know field 7 of the quantity at spec.containers[0].resources.limits["cpu"]',
    ],
    [
      'a kind Skiff does not read as protobuf',
      envelope('coordination.k8s.io/v1', 'Lease', message(meta('j'))),
      415,
      'Skiff cannot read a protobuf Lease (coordination.k8s.io/v1); it reads these kinds as protobuf: v1/Namespace, v1/ConfigMap',
    ],
    [
      'a compressed envelope',
      envelope('v1', 'Namespace', message(meta('n')), [field(3, 'gzip')]),
      415,
      'the protobuf envelope\'s content encoding "gzip" is not supported: send the object as JSON instead',
    ],
    [
      'a body without the magic bytes',
      new Uint8Array([0x0a, 0x00]),
      400,
      'the protobuf body is malformed: a application/vnd.kubernetes.protobuf body starts with the 4 bytes "k8s\\0"',
    ],
    [
      'a field of the wrong wire type',
      envelope('v1', 'Namespace', message(field(1, message(field(1, 7))))),
      400,
      'the protobuf body is malformed at metadata.name: field 1 has wire type 0, expected 2',
    ],
    [
      'a truncated nested message',
      envelope('v1', 'Namespace', message(field(1, [0x0a, 0x05, 0x61]))),
      400,
      'the protobuf body is malformed at metadata: a field of 5 bytes runs past the end of the message at byte 0',
    ],
    [
      'a FieldsV1 that is not JSON',
      envelope(
        'v1',
        'Namespace',
        message(field(1, message(field(17, message(field(7, message(field(1, '{nope')))))))),
      ),
      400,
      'the protobuf body is malformed at metadata.managedFields[0].fieldsV1: an embedded object (FieldsV1 or RawExtension) is not JSON',
    ],
  ])('%s', (_, body, code, message) => {
    const err = decodeError(body);
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
  });
});
