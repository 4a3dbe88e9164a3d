import { isIP } from 'node:net';
import type { KubeObject, StatusCause } from '../../shared/api-types';
import { NETWORK_POLICY_NOT_ENFORCED, networkPolicyType } from '../../shared/policy-resource-types';
import type { NetworkPolicy } from '../../shared/policy-types';
import type { KindStrategy } from '../kind-strategy';
import { validateOptionalSelector } from './policy-fields';

// networking.k8s.io/v1 NetworkPolicy: stored and validated (ValidateNetworkPolicy), never enforced. Every
// write answers with a Warning header saying so, and controllers/network-policy-notice.ts records an Event.

interface Peer {
  podSelector?: never;
  namespaceSelector?: never;
  ipBlock?: { cidr?: string; except?: string[] };
}

interface Rule {
  ports?: Array<{ protocol?: string; port?: number | string; endPort?: number }>;
  from?: Peer[];
  to?: Peer[];
}

function cidrError(value: string | undefined): boolean {
  if (!value) return true;
  const [ip, bits, extra] = value.split('/');
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits)) return true;
  const family = isIP(ip ?? '');
  return family === 0 || Number(bits) > (family === 4 ? 32 : 128);
}

const CIDR_HINT = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function validatePeers(peers: Peer[] | undefined, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (peers ?? []).forEach((peer, i) => {
    const path = `${at}[${i}]`;
    const count = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(
      (k) => peer?.[k as keyof Peer] !== undefined,
    ).length;
    if (count === 0)
      causes.push({
        type: 'FieldValueRequired',
        field: path,
        message: 'Required value: must specify a peer',
      });
    else if (peer.ipBlock && count > 1)
      causes.push({
        type: 'FieldValueForbidden',
        field: path,
        message: 'Forbidden: may not specify both ipBlock and another peer',
      });
    causes.push(...validateOptionalSelector(peer?.podSelector, `${path}.podSelector`));
    causes.push(...validateOptionalSelector(peer?.namespaceSelector, `${path}.namespaceSelector`));
    const block = peer?.ipBlock;
    if (block) {
      if (!block.cidr)
        causes.push({ type: 'FieldValueRequired', field: `${path}.ipBlock.cidr`, message: 'Required value' });
      else if (cidrError(block.cidr))
        causes.push({
          type: 'FieldValueInvalid',
          field: `${path}.ipBlock.cidr`,
          message: `Invalid value: "${block.cidr}": ${CIDR_HINT}`,
        });
      (block.except ?? []).forEach((except, j) => {
        if (cidrError(except))
          causes.push({
            type: 'FieldValueInvalid',
            field: `${path}.ipBlock.except[${j}]`,
            message: `Invalid value: "${except}": ${CIDR_HINT}`,
          });
      });
    }
  });
  return causes;
}

function validateRules(rules: Rule[] | undefined, at: string, peers: 'from' | 'to'): StatusCause[] {
  const causes: StatusCause[] = [];
  (rules ?? []).forEach((rule, i) => {
    (rule?.ports ?? []).forEach((port, j) => {
      const path = `${at}[${i}].ports[${j}]`;
      if (port.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(port.protocol))
        causes.push({
          type: 'FieldValueNotSupported',
          field: `${path}.protocol`,
          message: `Unsupported value: "${port.protocol}": supported values: "SCTP", "TCP", "UDP"`,
        });
      if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535))
        causes.push({
          type: 'FieldValueInvalid',
          field: `${path}.port`,
          message: `Invalid value: ${port.port}: must be between 1 and 65535, inclusive`,
        });
      if (port.endPort !== undefined) {
        if (port.port === undefined)
          causes.push({
            type: 'FieldValueRequired',
            field: `${path}.port`,
            message: 'Required value: must be specified when endPort is specified',
          });
        else if (typeof port.port === 'string')
          causes.push({
            type: 'FieldValueInvalid',
            field: `${path}.port`,
            message: `Invalid value: "${port.port}": must be a numerical port when endPort is specified`,
          });
        else if (port.endPort < port.port)
          causes.push({
            type: 'FieldValueInvalid',
            field: `${path}.endPort`,
            message: `Invalid value: ${port.endPort}: must be greater than or equal to \`port\``,
          });
      }
    });
    causes.push(...validatePeers(rule?.[peers], `${at}[${i}].${peers}`));
  });
  return causes;
}

export const networkPolicyStrategy: KindStrategy = {
  type: networkPolicyType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject): StatusCause[] {
    const spec = (obj as NetworkPolicy).spec ?? {};
    const causes = validateOptionalSelector(spec.podSelector, 'spec.podSelector');
    causes.push(...validateRules(spec.ingress as Rule[], 'spec.ingress', 'from'));
    causes.push(...validateRules(spec.egress as Rule[], 'spec.egress', 'to'));
    const types = spec.policyTypes ?? [];
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress')
        causes.push({
          type: 'FieldValueNotSupported',
          field: `spec.policyTypes[${i}]`,
          message: `Unsupported value: "${t}": supported values: "Ingress", "Egress"`,
        });
    });
    if (types.length > 2)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.policyTypes',
        message: `Invalid value: ${JSON.stringify(types)}: may not specify more than two policyTypes`,
      });
    return causes;
  },
  warnings: () => [NETWORK_POLICY_NOT_ENFORCED],
};
