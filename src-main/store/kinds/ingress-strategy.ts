import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  INGRESS_CLASS_ANNOTATION,
  defaultIngressClass,
  type Ingress,
  type IngressBackend,
  type IngressClass,
} from '../../shared/ingress-types';
import { ingressClassType, ingressType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, arr, checkSchema, int, kindSchema, obj, str } from '../schema/schema';
import { appendAll } from '../../shared/append-all';

const backend = obj({
  service: obj({ name: str(), port: obj({ number: int(1, 65535), name: str() }) }, ['name', 'port']),
  resource: obj({ apiGroup: str(), kind: str(), name: str() }, ['kind', 'name']),
});
const ingressSchema = kindSchema({
  spec: obj({
    ingressClassName: str(),
    defaultBackend: backend,
    tls: arr(any),
    rules: arr(
      obj({
        host: str(),
        http: obj(
          {
            paths: arr(
              obj({ path: str(), pathType: str(['Exact', 'Prefix', 'ImplementationSpecific']), backend }, [
                'pathType',
                'backend',
              ]),
            ),
          },
          ['paths'],
        ),
      }),
    ),
  }),
  status: any,
});

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateBackend(b: IngressBackend | undefined, field: string): StatusCause[] {
  if (b?.service && b.resource)
    return [
      {
        type: 'FieldValueInvalid',
        field,
        message: 'Invalid value: cannot set both resource and service backends',
      },
    ];
  if (b?.resource)
    return [
      {
        type: 'FieldValueForbidden',
        field: `${field}.resource`,
        message: `Forbidden: Skiff's Ingress controller routes only to Services (a ${b.resource.kind ?? 'resource'} backend such as a storage bucket is served by cloud controllers); use ${field}.service with name and port`,
      },
    ];
  if (!b?.service)
    return [
      {
        type: 'FieldValueInvalid',
        field,
        message:
          'Invalid value: resource or service backend is required (give service.name and service.port)',
      },
    ];
  const port = b.service.port;
  if ((port.number === undefined) === (port.name === undefined))
    return [
      {
        type: 'FieldValueInvalid',
        field: `${field}.service.port`,
        message: 'Invalid value: give exactly one of port.number and port.name',
      },
    ];
  return [];
}

export const ingressStrategy: KindStrategy = {
  type: ingressType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj, store) {
    const ingress = obj as Ingress;
    ingress.status = { loadBalancer: {} };
    // The DefaultIngressClass admission plugin: no class named (nor by the old annotation) → the default one.
    if (
      ingress.spec &&
      !ingress.spec.ingressClassName &&
      !ingress.metadata.annotations?.[INGRESS_CLASS_ANNOTATION]
    ) {
      const fallback = defaultIngressClass(store.list(ingressClassType) as IngressClass[]);
      if (fallback) ingress.spec.ingressClassName = fallback.metadata.name;
    }
  },
  validate(obj: KubeObject): StatusCause[] {
    const ingress = obj as Ingress;
    const structural = checkSchema(ingress, ingressSchema, '');
    if (structural.length > 0) return structural;
    const causes: StatusCause[] = [];
    if (!ingress.spec?.rules?.length && !ingress.spec?.defaultBackend)
      causes.push({
        type: 'FieldValueRequired',
        field: 'spec.rules',
        message: 'Required value: either `defaultBackend` or `rules` must be specified',
      });
    if (ingress.spec?.defaultBackend)
      appendAll(causes, validateBackend(ingress.spec.defaultBackend, 'spec.defaultBackend'));
    (ingress.spec?.rules ?? []).forEach((rule, i) => {
      if (rule.host !== undefined && !HOST.test(rule.host))
        causes.push({
          type: 'FieldValueInvalid',
          field: `spec.rules[${i}].host`,
          message: `Invalid value: "${rule.host}": a lowercase DNS name, optionally starting with "*." (no IP, no port)`,
        });
      (rule.http?.paths ?? []).forEach((p, j) => {
        const at = `spec.rules[${i}].http.paths[${j}]`;
        if (p.pathType !== 'ImplementationSpecific' && !(p.path ?? '').startsWith('/'))
          causes.push({
            type: 'FieldValueInvalid',
            field: `${at}.path`,
            message: `Invalid value: "${p.path ?? ''}": must be an absolute path`,
          });
        appendAll(causes, validateBackend(p.backend, `${at}.backend`));
      });
    });
    return causes;
  },
};
