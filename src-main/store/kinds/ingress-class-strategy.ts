import type { KubeObject, StatusCause } from '../../shared/api-types';
import { ingressClassType } from '../../shared/resource-types';
import type { IngressClass } from '../../shared/ingress-types';
import type { KindStrategy } from '../kind-strategy';
import { checkSchema, kindSchema, obj, str } from '../schema/schema';
import { validateName } from '../validate-meta';

// networking.k8s.io/v1 IngressClass (cluster-scoped), validated as ValidateIngressClass/ValidateIngressClassUpdate.

const schema = kindSchema({
  spec: obj({
    controller: str(),
    parameters: obj({ apiGroup: str(), kind: str(), name: str(), scope: str(), namespace: str() }),
  }),
});

const PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** validation.IsDomainPrefixedPath */
function domainPrefixedPath(value: string, field: string): StatusCause[] {
  if (!value) return [{ type: 'FieldValueRequired', field, message: 'Required value' }];
  const slash = value.indexOf('/');
  if (slash <= 0)
    return [
      {
        type: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${value}": must be a domain-prefixed path (such as "acme.io/foo")`,
      },
    ];
  const causes = validateName(value.slice(0, slash), 'dns1123-subdomain', field);
  const path = value.slice(slash + 1);
  if (!PATH.test(path))
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${path}": Invalid path: must match the regex ${PATH.source}`,
    });
  return causes;
}

export const ingressClassStrategy: KindStrategy = {
  type: ingressClassType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const ic = obj as IngressClass;
    const structural = checkSchema(ic, schema, '');
    if (structural.length > 0) return structural;
    const controller = ic.spec?.controller ?? '';
    const causes: StatusCause[] = [];
    if (controller.length > 250)
      causes.push({
        type: 'FieldValueTooLong',
        field: 'spec.controller',
        message: 'Too long: may not be more than 250 bytes',
      });
    causes.push(...domainPrefixedPath(controller, 'spec.controller'));
    const params = ic.spec?.parameters;
    if (params) {
      const at = 'spec.parameters';
      if (!params.kind)
        causes.push({ type: 'FieldValueRequired', field: `${at}.kind`, message: 'Required value' });
      if (!params.name)
        causes.push({ type: 'FieldValueRequired', field: `${at}.name`, message: 'Required value' });
      const scope = params.scope ?? 'Cluster';
      if (scope !== 'Cluster' && scope !== 'Namespace')
        causes.push({
          type: 'FieldValueNotSupported',
          field: `${at}.scope`,
          message: `Unsupported value: "${scope}": supported values: "Cluster", "Namespace"`,
        });
      if (scope === 'Namespace' && !params.namespace)
        causes.push({
          type: 'FieldValueRequired',
          field: `${at}.namespace`,
          message: 'Required value: `parameters.scope` is set to "Namespace"',
        });
      if (scope === 'Cluster' && params.namespace)
        causes.push({
          type: 'FieldValueForbidden',
          field: `${at}.namespace`,
          message: 'Forbidden: `parameters.scope` is set to "Cluster"',
        });
    }
    const before = old as IngressClass | undefined;
    if (before && (before.spec?.controller ?? '') !== controller)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.controller',
        message: `Invalid value: "${controller}": field is immutable`,
      });
    return causes;
  },
};
