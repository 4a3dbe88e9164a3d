import {
  any,
  arr,
  bool,
  int,
  int64,
  intOrString,
  kindSchema,
  map,
  obj,
  quantity,
  str,
  type Schema,
} from './schema';

const probeHandlers = {
  exec: obj({ command: arr(str()) }),
  httpGet: obj(
    {
      path: str(),
      port: intOrString,
      host: str(),
      scheme: str(['HTTP', 'HTTPS']),
      httpHeaders: arr(obj({ name: str(), value: str() }, ['name'])),
    },
    ['port'],
  ),
  tcpSocket: obj({ port: intOrString, host: str() }, ['port']),
  grpc: obj({ port: int(1, 65535), service: str() }, ['port']),
};

const probe = obj({
  ...probeHandlers,
  initialDelaySeconds: int(0),
  periodSeconds: int(1),
  timeoutSeconds: int(1),
  successThreshold: int(1),
  failureThreshold: int(1),
  terminationGracePeriodSeconds: int64(1),
});

const fieldRef = obj({ fieldPath: str(), apiVersion: str() }, ['fieldPath']);
const resourceFieldRef = obj({ resource: str(), containerName: str(), divisor: quantity }, ['resource']);

const keySelector = obj({ name: str(), key: str(), optional: bool }, ['key']);

const envVar = obj(
  {
    name: str(),
    value: str(),
    valueFrom: obj({
      fieldRef,
      resourceFieldRef,
      configMapKeyRef: keySelector,
      secretKeyRef: keySelector,
    }),
  },
  ['name'],
);

const handler = obj({ ...probeHandlers, sleep: obj({ seconds: int64(0) }) });

export const containerSchema: Schema = obj(
  {
    name: str(),
    image: str(),
    imagePullPolicy: str(['Always', 'IfNotPresent', 'Never']),
    command: arr(str()),
    args: arr(str()),
    workingDir: str(),
    env: arr(envVar),
    envFrom: arr(
      obj({
        prefix: str(),
        configMapRef: obj({ name: str(), optional: bool }),
        secretRef: obj({ name: str(), optional: bool }),
      }),
    ),
    ports: arr(
      obj(
        {
          containerPort: int(1, 65535),
          name: str(),
          protocol: str(['TCP', 'UDP', 'SCTP']),
          hostPort: int(1, 65535),
          hostIP: str(),
        },
        ['containerPort'],
      ),
    ),
    resources: obj({ requests: map(quantity), limits: map(quantity), claims: any }),
    volumeMounts: arr(
      obj(
        {
          name: str(),
          mountPath: str(),
          readOnly: bool,
          subPath: str(),
          subPathExpr: str(),
          mountPropagation: str(),
        },
        ['name', 'mountPath'],
      ),
    ),
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle: obj({ postStart: handler, preStop: handler }),
    securityContext: obj({
      runAsUser: int64(0),
      runAsGroup: int64(0),
      runAsNonRoot: bool,
      readOnlyRootFilesystem: bool,
      privileged: bool,
      allowPrivilegeEscalation: bool,
      capabilities: obj({ add: arr(str()), drop: arr(str()) }),
      seccompProfile: any,
    }),
    terminationMessagePath: str(),
    terminationMessagePolicy: str(['File', 'FallbackToLogsOnError']),
    stdin: bool,
    stdinOnce: bool,
    tty: bool,
    restartPolicy: str(['Always']),
  },
  ['name'],
);

const keyToPath = arr(obj({ key: str(), path: str(), mode: int(0, 0o777) }, ['key', 'path']));

const downwardItems = arr(obj({ path: str(), fieldRef, resourceFieldRef, mode: int(0, 0o777) }, ['path']));
const projectionSource = obj({
  configMap: obj({ name: str(), items: keyToPath, optional: bool }),
  secret: obj({ name: str(), items: keyToPath, optional: bool }),
  downwardAPI: obj({ items: downwardItems }),
  serviceAccountToken: obj({ audience: str(), expirationSeconds: int64(), path: str() }, ['path']),
  clusterTrustBundle: any,
});

const volume = obj(
  {
    name: str(),
    emptyDir: obj({ medium: str(['', 'Memory']), sizeLimit: quantity }),
    hostPath: obj(
      {
        path: str(),
        type: str([
          '',
          'DirectoryOrCreate',
          'Directory',
          'FileOrCreate',
          'File',
          'Socket',
          'CharDevice',
          'BlockDevice',
        ]),
      },
      ['path'],
    ),
    configMap: obj({ name: str(), items: keyToPath, defaultMode: int(0, 0o777), optional: bool }),
    secret: obj({ secretName: str(), items: keyToPath, defaultMode: int(0, 0o777), optional: bool }),
    persistentVolumeClaim: obj({ claimName: str(), readOnly: bool }, ['claimName']),
    downwardAPI: obj({ items: downwardItems, defaultMode: int(0, 0o777) }),
    projected: obj({ sources: arr(projectionSource), defaultMode: int(0, 0o777) }),
  },
  ['name'],
);

export const podSpecSchema: Schema = obj({
  containers: arr(containerSchema),
  initContainers: arr(containerSchema),
  restartPolicy: str(['Always', 'OnFailure', 'Never']),
  terminationGracePeriodSeconds: int64(0),
  activeDeadlineSeconds: int64(1),
  hostname: str(),
  subdomain: str(),
  nodeName: str(),
  nodeSelector: map(str()),
  volumes: arr(volume),
  securityContext: obj({
    runAsUser: int64(0),
    runAsGroup: int64(0),
    runAsNonRoot: bool,
    fsGroup: int64(0),
    supplementalGroups: arr(int64(0)),
    seccompProfile: any,
  }),
  imagePullSecrets: arr(obj({ name: str() })),
  dnsPolicy: str(['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']),
  dnsConfig: any,
  schedulerName: str(),
  serviceAccountName: str(),
  serviceAccount: str(),
  automountServiceAccountToken: bool,
  enableServiceLinks: bool,
  tolerations: any,
  affinity: any,
  priority: int(),
  priorityClassName: str(),
  preemptionPolicy: str(),
  shareProcessNamespace: bool,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  topologySpreadConstraints: any,
  readinessGates: any,
  runtimeClassName: str(),
  hostAliases: arr(obj({ ip: str(), hostnames: arr(str()) }, ['ip'])),
});

export const podSchema: Schema = kindSchema({ spec: podSpecSchema, status: any });
