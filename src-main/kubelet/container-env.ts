import type { KubeObject } from '../shared/api-types';
import type { Container, Pod } from '../shared/pod-types';
import { DownwardError, fieldValue, resourceValue } from './downward-values';

export interface EnvSources {
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  /** The node's allocatable resources (a resourceFieldRef limit that is not set reads as these). */
  allocatable?: Record<string, string>;
}

/** A missing referenced ConfigMap/Secret/key: the container waits with CreateContainerConfigError. */
export class ContainerConfigError extends Error {}

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
    } else if (from.fieldRef || from.resourceFieldRef) {
      const facts = { podIP, hostIP, allocatable: sources.allocatable };
      try {
        env.set(
          variable.name,
          from.fieldRef
            ? fieldValue(pod, from.fieldRef.fieldPath, facts)
            : resourceValue(pod, from.resourceFieldRef!, container, facts),
        );
      } catch (err) {
        if (err instanceof DownwardError) throw new ContainerConfigError(err.message);
        throw err;
      }
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
