import type { KubeObject } from '../shared/api-types';
import type { Container, Pod } from '../shared/pod-types';
import { cpuMillis, memoryBytes, parseQuantity } from '../shared/quantity';

export interface EnvSources {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
}

/** A missing referenced ConfigMap/Secret/key: the container waits with CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

function fieldValue(pod: Pod, path: string, podIP: string | undefined, hostIP: string | undefined): string {
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return pod.metadata.labels?.[label[1]!] ?? '';
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (annotation) return pod.metadata.annotations?.[annotation[1]!] ?? '';
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName ?? 'default',
    'status.podIP': podIP,
    'status.podIPs': podIP,
    'status.hostIP': hostIP,
  };
  return values[path] ?? '';
}

function resourceValue(container: Container, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', string];
  const raw = container.resources?.[kind]?.[name];
  const per = parseQuantity(divisor) ?? 1;
  if (name === 'cpu') return String(Math.ceil((raw === undefined ? 0 : cpuMillis(raw)) / 1000 / per));
  return String(Math.ceil((raw === undefined ? 0 : memoryBytes(raw)) / per));
}

function dataOf(obj: KubeObject | undefined): Record<string, string> | undefined {
  if (!obj) return undefined;
  const data = (obj as { data?: Record<string, string> }).data ?? {};
  if (obj.kind === 'Secret')
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
  return data;
}

/** Kubernetes' $(VAR) expansion: defined names are replaced, `$$` escapes, anything else is left as it is. */
export function expandReferences(text: string, env: Map<string, string>): string {
  return text.replace(/\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && env.has(name) ? env.get(name)! : match;
  });
}

/** The container's environment in Kubernetes order: envFrom first, then env (later names win). */
export function resolveEnv(
  pod: Pod,
  container: Container,
  podIP: string | undefined,
  hostIP: string | undefined,
  sources: EnvSources,
): Map<string, string> {
  const env = new Map<string, string>();
  const namespace = pod.metadata.namespace ?? 'default';
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const data = dataOf(
      from.configMapRef ? sources.configMap(namespace, ref.name) : sources.secret(namespace, ref.name),
    );
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${kind} "${ref.name}" not found`);
    }
    for (const [key, value] of Object.entries(data)) env.set(`${from.prefix ?? ''}${key}`, value);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (!from) {
      env.set(variable.name, expandReferences(variable.value ?? '', env));
    } else if (from.fieldRef) {
      env.set(variable.name, fieldValue(pod, from.fieldRef.fieldPath, podIP, hostIP));
    } else if (from.resourceFieldRef) {
      env.set(
        variable.name,
        resourceValue(container, from.resourceFieldRef.resource, from.resourceFieldRef.divisor),
      );
    } else {
      const ref = (from.configMapKeyRef ?? from.secretKeyRef)!;
      const kind = from.configMapKeyRef ? 'configmap' : 'secret';
      const data = dataOf(
        from.configMapKeyRef ? sources.configMap(namespace, ref.name) : sources.secret(namespace, ref.name),
      );
      if (!data) {
        if (ref.optional) continue;
        throw new ContainerConfigError(`${kind} "${ref.name}" not found`);
      }
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        throw new ContainerConfigError(
          `couldn't find key ${ref.key} in ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} ${namespace}/${ref.name}`,
        );
      }
      env.set(variable.name, data[ref.key]!);
    }
  }
  return env;
}
