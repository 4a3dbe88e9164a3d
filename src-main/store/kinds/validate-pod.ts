import type { StatusCause } from '../../shared/api-types';
import type { Container, Pod, PodSpec, Probe, Volume } from '../../shared/pod-types';
import { parseQuantity } from '../../shared/quantity';
import { checkSchema } from '../schema/schema';
import { podSchema } from '../schema/pod-schema';
import { validateName } from '../validate-meta';
import { appendAll } from '../../shared/append-all';
import {
  validateHostAliases,
  validateProjectedSources,
  validateResourceFieldRef,
} from './validate-pod-sources';
import { validateSchedulingFields } from './validate-scheduling';

const IMAGE_REFERENCE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const FIELD_REFS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

const cause = (type: string, field: string, message: string): StatusCause => ({ type, field, message });

export function isValidImageReference(image: string): boolean {
  return image.length <= 255 && IMAGE_REFERENCE.test(image);
}

function validateProbe(
  probe: Probe | undefined,
  path: string,
  kind: 'liveness' | 'readiness' | 'startup',
  container: Container,
): StatusCause[] {
  if (!probe) return [];
  const causes: StatusCause[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter(
    (h) => (probe as Record<string, unknown>)[h] !== undefined,
  );
  if (handlers.length === 0)
    causes.push(
      cause(
        'FieldValueRequired',
        path,
        'Required value: must specify a handler type (exec, httpGet, tcpSocket or grpc)',
      ),
    );
  if (handlers.length > 1)
    causes.push(
      cause(
        'FieldValueForbidden',
        path,
        `Forbidden: may not specify more than 1 handler type (found ${handlers.join(', ')})`,
      ),
    );
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.successThreshold`,
        `Invalid value: ${probe.successThreshold}: must be 1 for ${kind} probes`,
      ),
    );
  }
  if (probe.grpc && (probe.grpc.port < 1 || probe.grpc.port > 65535))
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.grpc.port`,
        `Invalid value: ${probe.grpc.port}: must be between 1 and 65535, inclusive`,
      ),
    );
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  const portPath = `${path}.${probe.httpGet ? 'httpGet' : 'tcpSocket'}.port`;
  if (typeof port === 'number' && (port < 1 || port > 65535))
    causes.push(
      cause('FieldValueInvalid', portPath, `Invalid value: ${port}: must be between 1 and 65535, inclusive`),
    );
  if (typeof port === 'string' && !(container.ports ?? []).some((p) => p.name === port)) {
    causes.push(
      cause(
        'FieldValueNotFound',
        portPath,
        `Not found: "${port}": no port of this container is named so; name one in ports[] or use the number`,
      ),
    );
  }
  if (probe.exec && (!Array.isArray(probe.exec.command) || probe.exec.command.length === 0)) {
    causes.push(
      cause('FieldValueRequired', `${path}.exec.command`, 'Required value: give the command to run'),
    );
  }
  return causes;
}

function validateResources(container: Container, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [group, values] of Object.entries(container.resources ?? {})) {
    if (group !== 'requests' && group !== 'limits') continue;
    for (const name of Object.keys(values ?? {})) {
      if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.includes('/')) {
        causes.push(
          cause(
            'FieldValueNotSupported',
            `${path}.resources.${group}[${name}]`,
            `Unsupported value: "${name}": must be cpu, memory or ephemeral-storage`,
          ),
        );
      }
    }
  }
  for (const resource of ['cpu', 'memory']) {
    const request = parseQuantity(container.resources?.requests?.[resource]);
    const limit = parseQuantity(container.resources?.limits?.[resource]);
    if (request !== undefined && limit !== undefined && request > limit) {
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.resources.requests[${resource}]`,
          `Invalid value: "${container.resources?.requests?.[resource]}": must be less than or equal to ${resource} limit of ${container.resources?.limits?.[resource]}`,
        ),
      );
    }
  }
  const memoryLimit = parseQuantity(container.resources?.limits?.memory);
  if (memoryLimit !== undefined && memoryLimit < 6 * 2 ** 20) {
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.resources.limits[memory]`,
        `Invalid value: "${container.resources?.limits?.memory}": Docker needs at least 6Mi`,
      ),
    );
  }
  return causes;
}

function validateContainer(
  container: Container,
  path: string,
  volumeNames: Set<string>,
  init: boolean,
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (typeof container.name === 'string')
    appendAll(causes, validateName(container.name, 'dns1123-label', `${path}.name`));
  if (!container.image)
    causes.push(
      cause('FieldValueRequired', `${path}.image`, 'Required value: the image to run, e.g. "nginx:1.27"'),
    );
  else if (!isValidImageReference(container.image)) {
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.image`,
        `Invalid value: "${container.image}": must be an image reference such as "nginx:1.27" or "registry.example.com/team/app:v2" (lowercase repository, optional :tag or @sha256:digest)`,
      ),
    );
  }
  const portNames = new Set<string>();
  (container.ports ?? []).forEach((port, i) => {
    if (port.name === undefined) return;
    if (port.name.length > 15 || !PORT_NAME.test(port.name)) {
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.ports[${i}].name`,
          `Invalid value: "${port.name}": must be at most 15 lowercase letters, digits or '-', with at least one letter (e.g. "http")`,
        ),
      );
    } else if (portNames.has(port.name))
      causes.push(
        cause('FieldValueDuplicate', `${path}.ports[${i}].name`, `Duplicate value: "${port.name}"`),
      );
    portNames.add(port.name);
  });
  (container.env ?? []).forEach((env, i) => {
    if (typeof env.name === 'string' && !ENV_NAME.test(env.name)) {
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.env[${i}].name`,
          `Invalid value: "${env.name}": must consist of letters, digits, '_', '-' or '.', and must not start with a digit`,
        ),
      );
    }
    const sources = Object.keys(env.valueFrom ?? {});
    if (env.value !== undefined && sources.length > 0)
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.env[${i}].valueFrom`,
          'Invalid value: may not be specified when `value` is not empty',
        ),
      );
    if (sources.length > 1)
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.env[${i}].valueFrom`,
          'Invalid value: may not have more than one field specified at a time',
        ),
      );
    const fieldPath = env.valueFrom?.fieldRef?.fieldPath;
    if (
      fieldPath !== undefined &&
      !FIELD_REFS.includes(fieldPath) &&
      !/^metadata\.(labels|annotations)\['[^']+'\]$/.test(fieldPath)
    ) {
      causes.push(
        cause(
          'FieldValueNotSupported',
          `${path}.env[${i}].valueFrom.fieldRef.fieldPath`,
          `Unsupported value: "${fieldPath}": supported values: ${FIELD_REFS.map((f) => `"${f}"`).join(', ')}, metadata.labels['key'], metadata.annotations['key']`,
        ),
      );
    }
  });
  const mountPaths = new Set<string>();
  (container.volumeMounts ?? []).forEach((mount, i) => {
    if (typeof mount.name === 'string' && !volumeNames.has(mount.name)) {
      causes.push(
        cause(
          'FieldValueNotFound',
          `${path}.volumeMounts[${i}].name`,
          `Not found: "${mount.name}": add a volume with this name to spec.volumes`,
        ),
      );
    }
    if (typeof mount.mountPath === 'string') {
      if (!mount.mountPath.startsWith('/'))
        causes.push(
          cause(
            'FieldValueInvalid',
            `${path}.volumeMounts[${i}].mountPath`,
            `Invalid value: "${mount.mountPath}": must be an absolute path`,
          ),
        );
      if (mountPaths.has(mount.mountPath))
        causes.push(
          cause(
            'FieldValueInvalid',
            `${path}.volumeMounts[${i}].mountPath`,
            `Invalid value: "${mount.mountPath}": must be unique`,
          ),
        );
      mountPaths.add(mount.mountPath);
    }
    if (
      typeof mount.subPath === 'string' &&
      (mount.subPath.startsWith('/') || mount.subPath.split('/').includes('..'))
    )
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.volumeMounts[${i}].subPath`,
          `Invalid value: "${mount.subPath}": must be a relative path that does not contain '..'`,
        ),
      );
  });
  if (init && container.restartPolicy !== undefined && container.restartPolicy !== 'Always')
    causes.push(
      cause(
        'FieldValueNotSupported',
        `${path}.restartPolicy`,
        `Unsupported value: "${String(container.restartPolicy)}": supported values: "Always"`,
      ),
    );
  if (!init && container.restartPolicy !== undefined)
    causes.push(
      cause(
        'FieldValueForbidden',
        `${path}.restartPolicy`,
        'Forbidden: may not be set for non-init containers',
      ),
    );
  if (init && container.restartPolicy !== 'Always') {
    for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const)
      if (container[field] !== undefined)
        causes.push(
          cause(
            'FieldValueForbidden',
            `${path}.${field}`,
            'Forbidden: may not be set for init containers without restartPolicy=Always',
          ),
        );
  }
  (container.env ?? []).forEach((env, i) => {
    const ref = env.valueFrom?.resourceFieldRef;
    if (ref)
      appendAll(causes, validateResourceFieldRef(ref, `${path}.env[${i}].valueFrom.resourceFieldRef`, false));
  });
  appendAll(causes, validateProbe(container.livenessProbe, `${path}.livenessProbe`, 'liveness', container));
  appendAll(
    causes,
    validateProbe(container.readinessProbe, `${path}.readinessProbe`, 'readiness', container),
  );
  appendAll(causes, validateProbe(container.startupProbe, `${path}.startupProbe`, 'startup', container));
  appendAll(causes, validateResources(container, path));
  if (container.securityContext?.privileged) {
    causes.push(
      cause(
        'FieldValueForbidden',
        `${path}.securityContext.privileged`,
        'Forbidden: Skiff does not run privileged containers',
      ),
    );
  }
  return causes;
}

function validateSpec(spec: PodSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    return [
      cause('FieldValueRequired', 'spec.containers', 'Required value: a pod needs at least one container'),
    ];
  }
  const volumeNames = new Set<string>();
  (spec.volumes ?? []).forEach((volume, i) => {
    const path = `spec.volumes[${i}]`;
    if (typeof volume.name === 'string')
      appendAll(causes, validateName(volume.name, 'dns1123-label', `${path}.name`));
    if (volumeNames.has(volume.name))
      causes.push(cause('FieldValueDuplicate', `${path}.name`, `Duplicate value: "${volume.name}"`));
    volumeNames.add(volume.name);
    const sources = [
      'emptyDir',
      'hostPath',
      'configMap',
      'secret',
      'persistentVolumeClaim',
      'downwardAPI',
      'projected',
    ].filter((s) => (volume as unknown as Record<string, unknown>)[s] !== undefined);
    appendAll(causes, validateConfigSource(volume, path));
    appendAll(causes, validateProjectedSources(volume, path));
    if (sources.length > 1)
      causes.push(
        cause(
          'FieldValueForbidden',
          path,
          `Forbidden: may not specify more than 1 volume type (found ${sources.join(', ')})`,
        ),
      );
    if (
      volume.hostPath &&
      typeof volume.hostPath.path === 'string' &&
      !volume.hostPath.path.startsWith('/')
    ) {
      causes.push(
        cause(
          'FieldValueInvalid',
          `${path}.hostPath.path`,
          `Invalid value: "${volume.hostPath.path}": must be an absolute path`,
        ),
      );
    }
  });
  const names = new Set<string>();
  const check = (list: Container[] | undefined, field: string, init: boolean) =>
    (list ?? []).forEach((container, i) => {
      const path = `spec.${field}[${i}]`;
      if (names.has(container.name))
        causes.push(
          cause(
            'FieldValueDuplicate',
            `${path}.name`,
            `Duplicate value: "${container.name}": container names must be unique within a pod`,
          ),
        );
      names.add(container.name);
      appendAll(causes, validateContainer(container, path, volumeNames, init));
    });
  check(spec.initContainers, 'initContainers', true);
  check(spec.containers, 'containers', false);
  appendAll(causes, validateHostAliases(spec.hostAliases));
  if (spec.hostname !== undefined)
    appendAll(causes, validateName(spec.hostname, 'dns1123-label', 'spec.hostname'));
  appendAll(causes, validateSchedulingFields(spec));
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if ((spec as unknown as Record<string, unknown>)[field] === true)
      causes.push(
        cause('FieldValueForbidden', `spec.${field}`, `Forbidden: Skiff does not support ${field}`),
      );
  }
  return causes;
}

export function validatePod(pod: Pod): StatusCause[] {
  const structural = checkSchema(pod, podSchema, '');
  if (structural.length > 0 || !pod.spec || typeof pod.spec !== 'object') {
    return structural.length > 0 ? structural : [cause('FieldValueRequired', 'spec', 'Required value')];
  }
  return validateSpec(pod.spec);
}

/** The name a configMap or secret volume refers to, and its items' keys and relative paths. */
function validateConfigSource(volume: Volume, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const source = volume.configMap ?? volume.secret;
  if (!source) return causes;
  const field = volume.configMap ? `${path}.configMap` : `${path}.secret`;
  const ref = volume.configMap ? volume.configMap.name : volume.secret!.secretName;
  if (!ref)
    causes.push(
      cause(
        'FieldValueRequired',
        `${field}.${volume.configMap ? 'name' : 'secretName'}`,
        `Required value: the ${volume.configMap ? 'ConfigMap' : 'Secret'} to mount`,
      ),
    );
  const paths = new Set<string>();
  (source.items ?? []).forEach((item, i) => {
    const at = `${field}.items[${i}]`;
    if (!item.key) causes.push(cause('FieldValueRequired', `${at}.key`, 'Required value'));
    const segments = (item.path ?? '').split('/');
    if (!item.path || item.path.startsWith('/') || segments.includes('..') || segments[0]!.startsWith('..'))
      causes.push(
        cause(
          'FieldValueInvalid',
          `${at}.path`,
          `Invalid value: "${item.path ?? ''}": must be a relative path without '..' and not start with '..'`,
        ),
      );
    if (paths.has(item.path))
      causes.push(cause('FieldValueDuplicate', `${at}.path`, `Duplicate value: "${item.path}"`));
    paths.add(item.path);
  });
  return causes;
}
