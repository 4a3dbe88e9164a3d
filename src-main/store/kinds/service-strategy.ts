import type { KubeObject, StatusCause } from '../../shared/api-types';
import { namespaceType, serviceType } from '../../shared/resource-types';
import {
  NODE_PORT_RANGE,
  SERVICE_RANGE_ANNOTATION,
  isHeadless,
  usesNodePorts,
  type Service,
  type ServicePort,
} from '../../shared/service-types';
import { isAssignableServiceIP } from '../../shared/network-ranges';
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
  // clusterIP and clusterIPs say the same thing; either fills the other (the apiserver's normalizeClusterIPs)
  if (service.spec.clusterIP && !service.spec.clusterIPs?.length)
    service.spec.clusterIPs = [service.spec.clusterIP];
  else if (!service.spec.clusterIP && service.spec.clusterIPs?.length)
    service.spec.clusterIP = service.spec.clusterIPs[0];
  if (service.spec.type === 'ExternalName') return; // no cluster IP, so no families nor traffic policies
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
  if (ports.length === 0 && !isHeadless(service) && service.spec.type !== 'ExternalName')
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
    if (p.protocol === 'SCTP')
      causes.push({
        type: 'FieldValueNotSupported',
        field: `${at}.protocol`,
        message:
          'Unsupported value: "SCTP": Skiff\'s Service proxies carry TCP and UDP only (Docker Desktop\'s VM and most hosts have no SCTP module); use TCP or UDP',
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

/** The Services range of the namespace's network, recorded on the Namespace once the network exists. */
function serviceRangeOf(store: StoreReader, namespace: string | undefined): string | undefined {
  const ns = store.list(namespaceType).find((n) => n.metadata.name === namespace);
  return ns?.metadata.annotations?.[SERVICE_RANGE_ANNOTATION];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A cluster IP asked for on create: a valid address in the namespace's Services range, free (the allocator). */
function validateRequestedClusterIP(service: Service, store: StoreReader): StatusCause[] {
  const ips = service.spec.clusterIPs ?? [];
  const ip = ips[0];
  if (!ip || ip === 'None') return [];
  const list = `[]string{${ips.map((i) => `"${i}"`).join(', ')}}`;
  const invalid = (message: string): StatusCause[] => [
    { type: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: ${list}: ${message}` },
  ];
  if (ips.length > 1)
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs',
        message: `Invalid value: ${list}: may not have more than one address: Skiff's namespace networks are IPv4 only (ipFamilyPolicy SingleStack)`,
      },
    ];
  if (!IPV4.test(ip))
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        message: `Invalid value: "${ip}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`,
      },
    ];
  const range = serviceRangeOf(store, service.metadata.namespace);
  if (!range)
    return invalid(
      `failed to allocate IP ${ip}: the Services range of namespace "${service.metadata.namespace}" is not known yet: it is recorded (annotation ${SERVICE_RANGE_ANNOTATION}) once the namespace has a network, made with its first pod or Service (a network made by an older Skiff has none); create the Service without spec.clusterIP, or retry once it is there`,
    );
  if (!isAssignableServiceIP(range, ip))
    return invalid(
      `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${range}`,
    );
  const holder = (store.list(serviceType) as Service[]).find(
    (s) =>
      s.metadata.uid !== service.metadata.uid &&
      s.metadata.namespace === service.metadata.namespace &&
      s.spec?.clusterIP === ip,
  );
  if (holder) return invalid(`failed to allocate IP ${ip}: provided IP is already allocated`);
  return [];
}

/** What the type says about clusterIP, externalName and families (ValidateService's type switch). */
function validateType(service: Service): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = service.spec;
  if (spec.clusterIP && spec.clusterIPs?.length && spec.clusterIPs[0] !== spec.clusterIP)
    causes.push({
      type: 'FieldValueInvalid',
      field: 'spec.clusterIPs',
      message: `Invalid value: []string{${spec.clusterIPs.map((i) => `"${i}"`).join(', ')}}: first value must match \`clusterIP\``,
    });
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && isHeadless(service))
    causes.push({
      type: 'FieldValueInvalid',
      field: 'spec.clusterIPs[0]',
      message: `Invalid value: "None": may not be set to 'None' for ${spec.type} services`,
    });
  if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'spec.clusterIPs',
        message: 'Forbidden: may not be set for ExternalName services',
      });
    if (spec.ipFamilies?.length)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'spec.ipFamilies',
        message: 'Forbidden: may not be set for ExternalName services',
      });
    if (spec.ipFamilyPolicy)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'spec.ipFamilyPolicy',
        message: 'Forbidden: may not be set for ExternalName services',
      });
    // The value (a CNAME) may have a trailing dot to denote it as fully qualified
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) causes.push(...validateName(cname, 'dns1123-subdomain', 'spec.externalName'));
    else causes.push({ type: 'FieldValueRequired', field: 'spec.externalName', message: 'Required value' });
  }
  return causes;
}

/** The apiserver's NormalizeClusterIPs on update: what a client changing only one of the two fields meant. */
function normalizeClusterIPsOnUpdate(service: Service, before: Service): void {
  const spec = service.spec;
  const same = JSON.stringify(spec.clusterIPs ?? []) === JSON.stringify(before.spec.clusterIPs ?? []);
  if (before.spec.clusterIPs?.length && !spec.clusterIPs?.length && before.spec.clusterIP === spec.clusterIP)
    spec.clusterIPs = before.spec.clusterIPs;
  if ((before.spec.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (before.spec.clusterIP && !spec.clusterIP && same) delete spec.clusterIPs;
    else if (same && spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  }
}

/** Fields the old type needed and the new one does not go, unless the update changed them (dropTypeDependentFields). */
function dropTypeDependentFields(service: Service, before: Service): void {
  const needsClusterIP = (s: Service) => s.spec.type !== 'ExternalName';
  if (needsClusterIP(before) && !needsClusterIP(service)) {
    if ((service.spec.clusterIP ?? '') === (before.spec.clusterIP ?? '')) {
      delete service.spec.clusterIP;
      delete service.spec.clusterIPs;
    }
    if (JSON.stringify(service.spec.ipFamilies) === JSON.stringify(before.spec.ipFamilies))
      delete service.spec.ipFamilies;
    if (service.spec.ipFamilyPolicy === before.spec.ipFamilyPolicy) delete service.spec.ipFamilyPolicy;
    if (service.spec.internalTrafficPolicy === before.spec.internalTrafficPolicy)
      delete service.spec.internalTrafficPolicy;
  }
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
    if (!service.spec) return;
    normalizeClusterIPsOnUpdate(service, before);
    dropTypeDependentFields(service, before);
    // A write that omits the cluster IP keeps it (Skiff fills it in after create, so clients may not have it).
    if (
      before.spec.clusterIP &&
      !service.spec.clusterIP &&
      !service.spec.clusterIPs?.length &&
      service.spec.type !== 'ExternalName'
    ) {
      service.spec.clusterIP = before.spec.clusterIP;
      service.spec.clusterIPs = before.spec.clusterIPs;
    }
    applyDefaults(service);
    // Switching to ClusterIP drops the node ports; ports that stay keep theirs (as the apiserver does).
    if (!usesNodePorts(service)) for (const p of service.spec.ports ?? []) delete p.nodePort;
    else
      for (const p of service.spec.ports ?? []) {
        const same = before.spec.ports?.find((q) => q.port === p.port && q.protocol === p.protocol);
        if (p.nodePort === undefined && same?.nodePort) p.nodePort = same.nodePort;
      }
    allocateNodePorts(service, store);
  },
  validate(obj: KubeObject, old: KubeObject | undefined, store: StoreReader): StatusCause[] {
    const service = obj as Service;
    const structural = checkSchema(service, serviceSchema, '');
    if (structural.length > 0) return structural;
    if (!service.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes: StatusCause[] = [...validateType(service)];
    const before = old as Service | undefined;
    const hadIP = before?.spec.clusterIP && before.spec.type !== 'ExternalName';
    // On update a Service without an address yet is being given its proxy's (service-proxies.ts): not checked.
    if (!before) {
      if (service.spec.type !== 'ExternalName') causes.push(...validateRequestedClusterIP(service, store));
    } else if (
      hadIP &&
      service.spec.type !== 'ExternalName' &&
      service.spec.clusterIP !== before.spec.clusterIP
    )
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        message: `Invalid value: "${service.spec.clusterIP ?? ''}": may not change once set`,
      });
    appendAll(causes, validatePorts(service, store));
    return causes;
  },
};
