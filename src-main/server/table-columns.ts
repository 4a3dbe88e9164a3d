import { customResourceColumns } from './custom-resource-columns';
import type { KubeObject } from '../shared/api-types';
import type { HorizontalPodAutoscaler } from '../shared/autoscaling-types';
import { summarizePod } from '../shared/pod-display';
import type { Node, Pod } from '../shared/pod-types';
import type { ResourceType } from '../shared/resource-types';
import type { EndpointSlice, Endpoints, Service } from '../shared/service-types';
import {
  shortAccessModes,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../shared/storage-types';
import type { Deployment, ReplicaSet, ReplicationController } from '../shared/workload-types';
import type { CronJob, Job } from '../shared/batch-types';
import { jobCompletions, jobDurationMs, jobStatus } from '../shared/job-display';
import type { ControllerRevision, DaemonSet, StatefulSet } from '../shared/apps-types';
import type { Ingress, IngressClass } from '../shared/ingress-types';

// The columns `kubectl get` prints for each kind, as Kubernetes' printers define them (pkg/printers/
// internalversion/printers.go); priority 1 columns appear with `-o wide`. Cells are computed at request time.

export interface Column {
  name: string;
  cell: (obj: KubeObject, now: number) => string | number | boolean | null;
  type?: string;
  format?: string;
  priority?: number;
  description?: string;
}

/** k8s.io/apimachinery's HumanDuration: "45s", "5m30s", "3h", "2d4h", "400d", "3y20d". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

const age = (obj: KubeObject, now: number) =>
  obj.metadata.creationTimestamp
    ? humanDuration(now - Date.parse(obj.metadata.creationTimestamp))
    : '<unknown>';
const since = (time: string | undefined, now: number) =>
  time ? humanDuration(now - Date.parse(time)) : '<unknown>';
const NAME: Column = {
  name: 'Name',
  cell: (o) => o.metadata.name ?? '',
  description: 'Name must be unique within a namespace.',
};
const AGE: Column = {
  name: 'Age',
  cell: age,
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
};
const none = (s: string | undefined) => (s ? s : '<none>');
const selectorText = (labels: Record<string, string> | undefined) =>
  none(
    Object.entries(labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  );
const modes = (list: string[] | undefined) => shortAccessModes(list);
const containersOf = (template: { spec?: Pod['spec'] } | undefined) => template?.spec?.containers ?? [];

const POD: Column[] = [
  NAME,
  { name: 'Ready', cell: (o) => summarizePod(o as Pod).ready },
  { name: 'Status', cell: (o) => summarizePod(o as Pod).status },
  {
    name: 'Restarts',
    cell: (o, now) => {
      const s = summarizePod(o as Pod);
      return s.lastRestart
        ? `${s.restarts} (${humanDuration(now - Date.parse(s.lastRestart))} ago)`
        : String(s.restarts);
    },
  },
  AGE,
  { name: 'IP', priority: 1, cell: (o) => none((o as Pod).status?.podIP) },
  { name: 'Node', priority: 1, cell: (o) => none((o as Pod).spec.nodeName) },
  { name: 'Nominated Node', priority: 1, cell: () => '<none>' },
  { name: 'Readiness Gates', priority: 1, cell: () => '<none>' },
];

const workloadWide = (
  template: (o: KubeObject) => { spec?: Pod['spec'] } | undefined,
  selector: (o: KubeObject) => Record<string, string> | undefined,
): Column[] => [
  {
    name: 'Containers',
    priority: 1,
    cell: (o) =>
      containersOf(template(o))
        .map((c) => c.name)
        .join(','),
  },
  {
    name: 'Images',
    priority: 1,
    cell: (o) =>
      containersOf(template(o))
        .map((c) => c.image)
        .join(','),
  },
  { name: 'Selector', priority: 1, cell: (o) => selectorText(selector(o)) },
];

const DEPLOYMENT: Column[] = [
  NAME,
  {
    name: 'Ready',
    cell: (o) => `${(o as Deployment).status?.readyReplicas ?? 0}/${(o as Deployment).spec.replicas ?? 1}`,
  },
  { name: 'Up-to-date', type: 'integer', cell: (o) => (o as Deployment).status?.updatedReplicas ?? 0 },
  { name: 'Available', type: 'integer', cell: (o) => (o as Deployment).status?.availableReplicas ?? 0 },
  AGE,
  ...workloadWide(
    (o) => (o as Deployment).spec.template,
    (o) => (o as Deployment).spec.selector?.matchLabels,
  ),
];

const STATEFUL_SET: Column[] = [
  NAME,
  {
    name: 'Ready',
    cell: (o) => `${(o as StatefulSet).status?.readyReplicas ?? 0}/${(o as StatefulSet).spec.replicas ?? 1}`,
  },
  AGE,
  // printStatefulSet's wide columns are Containers and Images only.
  ...workloadWide(
    (o) => (o as StatefulSet).spec.template,
    () => undefined,
  ).slice(0, 2),
];

const DAEMON_SET: Column[] = [
  NAME,
  { name: 'Desired', type: 'integer', cell: (o) => (o as DaemonSet).status?.desiredNumberScheduled ?? 0 },
  { name: 'Current', type: 'integer', cell: (o) => (o as DaemonSet).status?.currentNumberScheduled ?? 0 },
  { name: 'Ready', type: 'integer', cell: (o) => (o as DaemonSet).status?.numberReady ?? 0 },
  { name: 'Up-to-date', type: 'integer', cell: (o) => (o as DaemonSet).status?.updatedNumberScheduled ?? 0 },
  { name: 'Available', type: 'integer', cell: (o) => (o as DaemonSet).status?.numberAvailable ?? 0 },
  {
    name: 'Node Selector',
    cell: (o) =>
      Object.entries((o as DaemonSet).spec.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>',
  },
  AGE,
  ...workloadWide(
    (o) => (o as DaemonSet).spec.template,
    (o) => (o as DaemonSet).spec.selector?.matchLabels,
  ),
];

const CONTROLLER_REVISION: Column[] = [
  NAME,
  {
    name: 'Controller',
    cell: (o) => {
      const owner = o.metadata.ownerReferences?.find((r) => r.controller);
      if (!owner) return '<none>';
      const group = owner.apiVersion.includes('/') ? `.${owner.apiVersion.split('/')[0]}` : '';
      return `${owner.kind.toLowerCase()}${group}/${owner.name}`;
    },
  },
  { name: 'Revision', type: 'integer', cell: (o) => (o as ControllerRevision).revision },
  AGE,
];

const REPLICA_SET: Column[] = [
  NAME,
  { name: 'Desired', type: 'integer', cell: (o) => (o as ReplicaSet).spec.replicas ?? 1 },
  { name: 'Current', type: 'integer', cell: (o) => (o as ReplicaSet).status?.replicas ?? 0 },
  { name: 'Ready', type: 'integer', cell: (o) => (o as ReplicaSet).status?.readyReplicas ?? 0 },
  AGE,
  ...workloadWide(
    (o) => (o as ReplicaSet).spec.template,
    (o) => (o as ReplicaSet).spec.selector?.matchLabels,
  ),
];

const REPLICATION_CONTROLLER: Column[] = [
  NAME,
  { name: 'Desired', type: 'integer', cell: (o) => (o as ReplicationController).spec.replicas ?? 1 },
  { name: 'Current', type: 'integer', cell: (o) => (o as ReplicationController).status?.replicas ?? 0 },
  { name: 'Ready', type: 'integer', cell: (o) => (o as ReplicationController).status?.readyReplicas ?? 0 },
  AGE,
  ...workloadWide(
    (o) => (o as ReplicationController).spec.template,
    (o) => (o as ReplicationController).spec.selector,
  ),
];

const INGRESS: Column[] = [
  NAME,
  { name: 'Class', cell: (o) => (o as Ingress).spec.ingressClassName ?? '<none>' },
  {
    name: 'Hosts',
    cell: (o) => (o as Ingress).spec.rules?.map((r) => r.host || '*').join(',') || '*',
  },
  {
    name: 'Address',
    cell: (o) => ((o as Ingress).status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').join(',') || '',
  },
  { name: 'Ports', cell: (o) => ((o as Ingress).spec.tls?.length ? '80, 443' : '80') },
  AGE,
];

const INGRESS_CLASS: Column[] = [
  NAME,
  { name: 'Controller', cell: (o) => (o as IngressClass).spec?.controller ?? '' },
  {
    name: 'Parameters',
    cell: (o) => {
      const p = (o as IngressClass).spec?.parameters;
      return p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    },
  },
  AGE,
];

const SERVICE: Column[] = [
  NAME,
  { name: 'Type', cell: (o) => (o as Service).spec.type ?? 'ClusterIP' },
  { name: 'Cluster-IP', cell: (o) => none((o as Service).spec.clusterIP) },
  {
    name: 'External-IP',
    cell: (o) => {
      const s = o as Service;
      if (s.spec.type === 'ExternalName') return s.spec.externalName ?? '<none>';
      if (s.spec.type !== 'LoadBalancer') return '<none>';
      const ingress = s.status?.loadBalancer?.ingress ?? [];
      return ingress.length ? ingress.map((i) => i.ip ?? i.hostname).join(',') : '<pending>';
    },
  },
  {
    name: 'Port(s)',
    cell: (o) =>
      none(
        ((o as Service).spec.ports ?? [])
          .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
          .join(','),
      ),
  },
  AGE,
  { name: 'Selector', priority: 1, cell: (o) => selectorText((o as Service).spec.selector) },
];

/** kubectl's way of printing endpoint addresses: the first three, then how many more. */
const firstThree = (list: string[], empty: string) =>
  list.length === 0
    ? empty
    : list.length > 3
      ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`
      : list.join(',');

const ENDPOINTS: Column[] = [
  NAME,
  {
    name: 'Endpoints',
    cell: (o) => {
      const list = ((o as Endpoints).subsets ?? []).flatMap((s) =>
        (s.addresses ?? []).flatMap((a) =>
          (s.ports ?? []).length ? s.ports!.map((p) => `${a.ip}:${p.port}`) : [a.ip],
        ),
      );
      return firstThree(list, '<none>');
    },
  },
  AGE,
];

const ENDPOINT_SLICE: Column[] = [
  NAME,
  { name: 'AddressType', cell: (o) => (o as EndpointSlice).addressType },
  {
    name: 'Ports',
    cell: (o) => none(((o as EndpointSlice).ports ?? []).map((p) => String(p.port)).join(',')),
  },
  {
    name: 'Endpoints',
    cell: (o) => {
      const list = ((o as EndpointSlice).endpoints ?? []).flatMap((e) => e.addresses);
      return firstThree(list, '<unset>');
    },
  },
  AGE,
];

const CLAIM: Column[] = [
  NAME,
  {
    name: 'Status',
    cell: (o) =>
      o.metadata.deletionTimestamp
        ? 'Terminating'
        : ((o as PersistentVolumeClaim).status?.phase ?? 'Pending'),
  },
  { name: 'Volume', cell: (o) => (o as PersistentVolumeClaim).spec.volumeName ?? '' },
  { name: 'Capacity', cell: (o) => (o as PersistentVolumeClaim).status?.capacity?.storage ?? '' },
  { name: 'Access Modes', cell: (o) => modes((o as PersistentVolumeClaim).status?.accessModes) },
  { name: 'StorageClass', cell: (o) => none((o as PersistentVolumeClaim).spec.storageClassName) },
  { name: 'VolumeAttributesClass', cell: () => '<unset>' },
  AGE,
  {
    name: 'VolumeMode',
    priority: 1,
    cell: (o) => (o as PersistentVolumeClaim).spec.volumeMode ?? 'Filesystem',
  },
];

const VOLUME: Column[] = [
  NAME,
  { name: 'Capacity', cell: (o) => (o as PersistentVolume).spec.capacity?.storage ?? '' },
  { name: 'Access Modes', cell: (o) => modes((o as PersistentVolume).spec.accessModes) },
  { name: 'Reclaim Policy', cell: (o) => (o as PersistentVolume).spec.persistentVolumeReclaimPolicy ?? '' },
  {
    name: 'Status',
    cell: (o) =>
      o.metadata.deletionTimestamp ? 'Terminating' : ((o as PersistentVolume).status?.phase ?? ''),
  },
  {
    name: 'Claim',
    cell: (o) => {
      const ref = (o as PersistentVolume).spec.claimRef;
      return ref ? `${ref.namespace}/${ref.name}` : '';
    },
  },
  { name: 'StorageClass', cell: (o) => (o as PersistentVolume).spec.storageClassName ?? '' },
  { name: 'VolumeAttributesClass', cell: () => '<unset>' },
  { name: 'Reason', cell: () => '' },
  AGE,
  { name: 'VolumeMode', priority: 1, cell: (o) => (o as PersistentVolume).spec.volumeMode ?? 'Filesystem' },
];

const STORAGE_CLASS: Column[] = [
  {
    ...NAME,
    cell: (o) =>
      `${o.metadata.name}${o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? ' (default)' : ''}`,
  },
  { name: 'Provisioner', cell: (o) => (o as StorageClass).provisioner },
  { name: 'ReclaimPolicy', cell: (o) => (o as StorageClass).reclaimPolicy ?? 'Delete' },
  { name: 'VolumeBindingMode', cell: (o) => (o as StorageClass).volumeBindingMode ?? 'Immediate' },
  { name: 'AllowVolumeExpansion', cell: (o) => String((o as StorageClass).allowVolumeExpansion ?? false) },
  AGE,
];

const keys = (o: KubeObject, field: 'data' | 'binaryData') =>
  Object.keys((o as unknown as Record<string, Record<string, string> | undefined>)[field] ?? {}).length;

const NODE: Column[] = [
  NAME,
  {
    name: 'Status',
    cell: (o) => {
      const node = o as Node;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      return `${ready ? 'Ready' : 'NotReady'}${node.spec?.unschedulable ? ',SchedulingDisabled' : ''}`;
    },
  },
  { name: 'Roles', cell: () => 'control-plane' },
  AGE,
  { name: 'Version', cell: (o) => (o as Node).status?.nodeInfo?.kubeletVersion ?? '' },
  {
    name: 'Internal-IP',
    priority: 1,
    cell: (o) => none((o as Node).status?.addresses?.find((a) => a.type === 'InternalIP')?.address),
  },
  { name: 'External-IP', priority: 1, cell: () => '<none>' },
  { name: 'OS-Image', priority: 1, cell: (o) => (o as Node).status?.nodeInfo?.osImage ?? '' },
  { name: 'Kernel-Version', priority: 1, cell: (o) => (o as Node).status?.nodeInfo?.kernelVersion ?? '' },
  {
    name: 'Container-Runtime',
    priority: 1,
    cell: (o) => (o as Node).status?.nodeInfo?.containerRuntimeVersion ?? '',
  },
];

interface EventFields {
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string };
}
const EVENT: Column[] = [
  {
    name: 'Last Seen',
    cell: (o, now) =>
      since(
        (o as EventFields).lastTimestamp ?? (o as EventFields).eventTime ?? o.metadata.creationTimestamp,
        now,
      ),
  },
  { name: 'Type', cell: (o) => (o as EventFields).type ?? '' },
  { name: 'Reason', cell: (o) => (o as EventFields).reason ?? '' },
  {
    name: 'Object',
    cell: (o) =>
      `${((o as EventFields).involvedObject?.kind ?? '').toLowerCase()}/${(o as EventFields).involvedObject?.name ?? ''}`,
  },
  { name: 'Message', cell: (o) => ((o as EventFields).message ?? '').trim() },
];

/** printers.go formatHPAMetrics: "cpu: 42%/50%", an average value as "120m/200m", the unknown as <unknown>. */
function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const statuses = hpa.status?.currentMetrics ?? [];
  const shown = (hpa.spec.metrics ?? []).map((spec, i) => {
    const source = spec.resource ?? spec.containerResource;
    if (!source) return `<unsupported>/${spec.type}`;
    const current = statuses[i]?.resource?.current ?? statuses[i]?.containerResource?.current;
    if (source.target.averageValue !== undefined)
      return `${source.name}: ${current?.averageValue ?? '<unknown>'}/${source.target.averageValue}`;
    const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
    const wanted =
      source.target.averageUtilization !== undefined ? `${source.target.averageUtilization}%` : '<auto>';
    return `${source.name}: ${now}/${wanted}`;
  });
  if (shown.length === 0) return '<none>';
  return shown.length > 2
    ? `${shown.slice(0, 2).join(', ')} + ${shown.length - 2} more...`
    : shown.join(', ');
}
const HPA: Column[] = [
  NAME,
  {
    name: 'Reference',
    cell: (o) => {
      const ref = (o as HorizontalPodAutoscaler).spec.scaleTargetRef;
      return `${ref.kind}/${ref.name}`;
    },
  },
  { name: 'Targets', cell: (o) => hpaTargets(o as HorizontalPodAutoscaler) },
  {
    name: 'MinPods',
    type: 'integer',
    cell: (o) => (o as HorizontalPodAutoscaler).spec.minReplicas ?? 1,
  },
  { name: 'MaxPods', type: 'integer', cell: (o) => (o as HorizontalPodAutoscaler).spec.maxReplicas },
  {
    name: 'Replicas',
    type: 'integer',
    cell: (o) => (o as HorizontalPodAutoscaler).status?.currentReplicas ?? 0,
  },
  AGE,
];

function jobDuration(job: Job, now: number): string {
  const ms = jobDurationMs(job, now);
  return ms === undefined ? '' : humanDuration(ms);
}

const JOB: Column[] = [
  NAME,
  { name: 'Status', cell: (o) => jobStatus(o as Job) },
  { name: 'Completions', cell: (o) => jobCompletions(o as Job) },
  { name: 'Duration', cell: (o, now) => jobDuration(o as Job, now) },
  AGE,
  ...workloadWide(
    (o) => (o as Job).spec.template,
    (o) => (o as Job).spec.selector?.matchLabels,
  ),
];

const CRON_JOB: Column[] = [
  NAME,
  { name: 'Schedule', cell: (o) => (o as CronJob).spec.schedule },
  { name: 'Timezone', cell: (o) => (o as CronJob).spec.timeZone ?? '<none>' },
  { name: 'Suspend', cell: (o) => ((o as CronJob).spec.suspend ? 'True' : 'False') },
  { name: 'Active', type: 'integer', cell: (o) => (o as CronJob).status?.active?.length ?? 0 },
  {
    name: 'Last Schedule',
    cell: (o, now) => {
      const last = (o as CronJob).status?.lastScheduleTime;
      return last ? since(last, now) : '<none>';
    },
  },
  AGE,
  ...workloadWide(
    (o) => (o as CronJob).spec.jobTemplate.spec.template,
    (o) => (o as CronJob).spec.jobTemplate.spec.selector?.matchLabels,
  ),
];

const CREATED_AT: Column = {
  name: 'Created At',
  type: 'string',
  format: 'date',
  cell: (o) => (o.metadata.creationTimestamp ?? '').replace(/\.\d+Z$/, 'Z'),
};
type BindingLike = KubeObject & {
  roleRef?: { kind?: string; name?: string };
  subjects?: Array<{ kind?: string; name?: string; namespace?: string }>;
};
const subjectsOf = (o: KubeObject, kind: string) =>
  ((o as BindingLike).subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}:${s.name ?? ''}` : (s.name ?? '')))
    .join(', ');
/** printers.go: roleBindingColumnDefinitions, the same for ClusterRoleBindings. */
const BINDING: Column[] = [
  NAME,
  {
    name: 'Role',
    cell: (o) => `${(o as BindingLike).roleRef?.kind ?? ''}/${(o as BindingLike).roleRef?.name ?? ''}`,
  },
  AGE,
  { name: 'Users', priority: 1, cell: (o) => subjectsOf(o, 'User') },
  { name: 'Groups', priority: 1, cell: (o) => subjectsOf(o, 'Group') },
  { name: 'ServiceAccounts', priority: 1, cell: (o) => subjectsOf(o, 'ServiceAccount') },
];

const BY_KIND: Record<string, Column[]> = {
  // apiextensions' default table convertor: the name and the creation time in RFC 3339.
  CustomResourceDefinition: [
    NAME,
    {
      name: 'Created At',
      type: 'date',
      cell: (o) => o.metadata.creationTimestamp ?? '',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created.',
    },
  ],
  ServiceAccount: [
    NAME,
    { name: 'Secrets', type: 'integer', cell: (o) => ((o as { secrets?: unknown[] }).secrets ?? []).length },
    AGE,
  ],
  Role: [NAME, CREATED_AT],
  ClusterRole: [NAME, CREATED_AT],
  RoleBinding: BINDING,
  ClusterRoleBinding: BINDING,
  Job: JOB,
  CronJob: CRON_JOB,
  HorizontalPodAutoscaler: HPA,
  Pod: POD,
  Deployment: DEPLOYMENT,
  ReplicaSet: REPLICA_SET,
  StatefulSet: STATEFUL_SET,
  DaemonSet: DAEMON_SET,
  ControllerRevision: CONTROLLER_REVISION,
  ReplicationController: REPLICATION_CONTROLLER,
  Ingress: INGRESS,
  IngressClass: INGRESS_CLASS,
  Service: SERVICE,
  Endpoints: ENDPOINTS,
  EndpointSlice: ENDPOINT_SLICE,
  PersistentVolumeClaim: CLAIM,
  PersistentVolume: VOLUME,
  StorageClass: STORAGE_CLASS,
  Node: NODE,
  Event: EVENT,
  Namespace: [
    NAME,
    { name: 'Status', cell: (o) => (o as { status?: { phase?: string } }).status?.phase ?? 'Active' },
    AGE,
  ],
  ConfigMap: [
    NAME,
    { name: 'Data', type: 'integer', cell: (o) => keys(o, 'data') + keys(o, 'binaryData') },
    AGE,
  ],
  Secret: [
    NAME,
    { name: 'Type', cell: (o) => (o as { type?: string }).type ?? 'Opaque' },
    { name: 'Data', type: 'integer', cell: (o) => keys(o, 'data') },
    AGE,
  ],
};

export function columnsFor(type: ResourceType): Column[] {
  if (type.printerColumns) return customResourceColumns(type.printerColumns, humanDuration) as Column[];
  return BY_KIND[type.kind] ?? [NAME, AGE];
}
