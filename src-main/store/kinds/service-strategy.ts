import type { KubeObject, StatusCause } from '../../shared/api-types';
import { serviceType } from '../../shared/resource-types';
import { NODE_PORT_RANGE, usesNodePorts, type Service, type ServicePort } from '../../shared/service-types';
import type { KindStrategy, StoreReader } from '../kind-strategy';
import { any, arr, checkSchema, int, intOrString, kindSchema, map, obj, str } from '../schema/schema';
import { validateName } from '../validate-meta';
import { appendAll } from '../../shared/append-all';

export const SERVICE_PROXY_FINALIZER = 'skiff.io/service-proxy';

const serviceSchema = kindSchema({
  spec: obj({
    type: str(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']),
    selector: map(str()),
    ports: arr(
      obj(
        {
          name: str(),
          protocol: str(['TCP', 'UDP', 'SCTP']),
          appProtocol: str(),
          port: int(),
          targetPort: intOrString,
          nodePort: int(),
        },
        ['port'],
      ),
    ),
    clusterIP: str(),
    clusterIPs: arr(str()),
    sessionAffinity: str(['None', 'ClientIP']),
    sessionAffinityConfig: any,
    externalTrafficPolicy: str(['Cluster', 'Local']),
    internalTrafficPolicy: str(['Cluster', 'Local']),
    ipFamilies: arr(str(['IPv4', 'IPv6'])),
    ipFamilyPolicy: str(['SingleStack', 'PreferDualStack', 'RequireDualStack']),
    externalName: str(),
    externalIPs: arr(str()),
    loadBalancerIP: str(),
    loadBalancerSourceRanges: arr(str()),
    allocateLoadBalancerNodePorts: any,
    loadBalancerClass: str(),
    publishNotReadyAddresses: any,
    healthCheckNodePort: int(),
    trafficDistribution: str(),
  }),
  status: any,
});

const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function nodePortsInUse(store: StoreReader, except: Service): Set<number> {
  const used = new Set<number>();
  for (const other of store.list(serviceType) as Service[]) {
    if (other.metadata.uid === except.metadata.uid) continue;
    for (const p of other.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

/** Gives every port of a NodePort/LoadBalancer Service a free nodePort (kept on update), as the apiserver does. */
function allocateNodePorts(service: Service, store: StoreReader): void {
  if (!usesNodePorts(service)) return;
  const used = nodePortsInUse(store, service);
  for (const p of service.spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (const p of service.spec.ports ?? []) {
    if (p.nodePort) continue;
    // A random start, as the apiserver's allocator: two Skiffs on one machine rarely pick the same port.
    const span = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
    const start = Math.floor(Math.random() * span);
    for (let i = 0; i < span; i++) {
      const candidate = NODE_PORT_RANGE.min + ((start + i) % span);
      if (!used.has(candidate)) {
        p.nodePort = candidate;
        used.add(candidate);
        break;
      }
    }
  }
}

function applyDefaults(service: Service): void {
  if (!service.spec) return;
  service.spec.type ??= 'ClusterIP';
  service.spec.sessionAffinity ??= 'None';
  service.spec.internalTrafficPolicy ??= 'Cluster';
  service.spec.ipFamilies ??= ['IPv4'];
  service.spec.ipFamilyPolicy ??= 'SingleStack';
  if (usesNodePorts(service)) service.spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of service.spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}

function validatePorts(service: Service, store: StoreReader): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = service.spec.ports ?? [];
  if (ports.length === 0)
    causes.push({
      type: 'FieldValueRequired',
      field: 'spec.ports',
      message: 'Required value: at least one port',
    });
  const names = new Set<string>();
  const numbers = new Set<string>();
  const taken = nodePortsInUse(store, service);
  const ownNodePorts = new Set<number>();
  ports.forEach((p: ServicePort, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name)
      causes.push({
        type: 'FieldValueRequired',
        field: `${at}.name`,
        message: 'Required value: every port needs a name when a Service has more than one',
      });
    if (p.name) {
      appendAll(causes, validateName(p.name, 'dns1123-label', `${at}.name`));
      if (names.has(p.name))
        causes.push({
          type: 'FieldValueDuplicate',
          field: `${at}.name`,
          message: `Duplicate value: "${p.name}"`,
        });
      names.add(p.name);
    }
    if (!(p.port >= 1 && p.port <= 65535))
      causes.push({
        type: 'FieldValueInvalid',
        field: `${at}.port`,
        message: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive`,
      });
    const key = `${p.protocol ?? 'TCP'}/${p.port}`;
    if (numbers.has(key))
      causes.push({
        type: 'FieldValueDuplicate',
        field: at,
        message: `Duplicate value: {"protocol":"${p.protocol ?? 'TCP'}","port":${p.port}}`,
      });
    numbers.add(key);
    if (p.protocol && p.protocol !== 'TCP')
      causes.push({
        type: 'FieldValueNotSupported',
        field: `${at}.protocol`,
        message: `Unsupported value: "${p.protocol}": Skiff's Services carry TCP only`,
      });
    if (typeof p.targetPort === 'number' && !(p.targetPort >= 1 && p.targetPort <= 65535))
      causes.push({
        type: 'FieldValueInvalid',
        field: `${at}.targetPort`,
        message: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive`,
      });
    if (typeof p.targetPort === 'string' && (p.targetPort.length > 15 || !IANA_SVC_NAME.test(p.targetPort)))
      causes.push({
        type: 'FieldValueInvalid',
        field: `${at}.targetPort`,
        message: `Invalid value: "${p.targetPort}": must be a port number or the name of a container port (at most 15 lowercase letters, digits and '-')`,
      });
    if (p.nodePort !== undefined) {
      if (!usesNodePorts(service))
        causes.push({
          type: 'FieldValueForbidden',
          field: `${at}.nodePort`,
          message: `Forbidden: may not be used when type is '${service.spec.type}'`,
        });
      else if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max)
        causes.push({
          type: 'FieldValueInvalid',
          field: `${at}.nodePort`,
          message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
        });
      else if (taken.has(p.nodePort) || ownNodePorts.has(p.nodePort))
        causes.push({
          type: 'FieldValueInvalid',
          field: `${at}.nodePort`,
          message: `Invalid value: ${p.nodePort}: provided port is already allocated`,
        });
      ownNodePorts.add(p.nodePort);
    }
  });
  return causes;
}

export const serviceStrategy: KindStrategy = {
  type: serviceType,
  nameRule: 'dns1035-label',
  prepareForCreate(obj, store) {
    const service = obj as Service;
    applyDefaults(service);
    if (service.spec) allocateNodePorts(service, store);
    service.status = { loadBalancer: {} };
    // The proxy container goes before the Service does (so a namespace's deletion waits for its proxies).
    service.metadata.finalizers = [
      ...new Set([...(service.metadata.finalizers ?? []), SERVICE_PROXY_FINALIZER]),
    ];
  },
  prepareForUpdate(obj, old, store) {
    const service = obj as Service;
    const before = old as Service;
    applyDefaults(service);
    if (!service.spec) return;
    // Switching to ClusterIP drops the node ports; ports that stay keep theirs (as the apiserver does).
    if (!usesNodePorts(service)) for (const p of service.spec.ports ?? []) delete p.nodePort;
    else
      for (const p of service.spec.ports ?? []) {
        const same = before.spec.ports?.find((q) => q.port === p.port && q.protocol === p.protocol);
        if (p.nodePort === undefined && same?.nodePort) p.nodePort = same.nodePort;
      }
    allocateNodePorts(service, store);
    // The cluster IP is Skiff's to assign (the service proxy's address); a write that omits it keeps it.
    if (before.spec.clusterIP && !service.spec.clusterIP) {
      service.spec.clusterIP = before.spec.clusterIP;
      service.spec.clusterIPs = before.spec.clusterIPs;
    }
  },
  validate(obj: KubeObject, old: KubeObject | undefined, store: StoreReader): StatusCause[] {
    const service = obj as Service;
    const structural = checkSchema(service, serviceSchema, '');
    if (structural.length > 0) return structural;
    if (!service.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes: StatusCause[] = [];
    if (service.spec.type === 'ExternalName')
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'spec.type',
        message: 'Unsupported value: "ExternalName": Skiff supports ClusterIP, NodePort and LoadBalancer',
      });
    const before = old as Service | undefined;
    if (service.spec.clusterIP === 'None')
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'spec.clusterIP',
        message: 'Unsupported value: "None": headless Services are not supported by Skiff yet',
      });
    else if (!before && service.spec.clusterIP)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'spec.clusterIP',
        message: 'Forbidden: Skiff assigns the cluster IP; leave spec.clusterIP out',
      });
    else if (before?.spec.clusterIP && service.spec.clusterIP !== before.spec.clusterIP)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.clusterIP',
        message: `Invalid value: "${service.spec.clusterIP}": field is immutable`,
      });
    appendAll(causes, validatePorts(service, store));
    return causes;
  },
};
