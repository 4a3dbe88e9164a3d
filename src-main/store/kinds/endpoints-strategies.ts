import type { KubeObject, StatusCause } from '../../shared/api-types';
import { endpointSliceType, endpointsType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, arr, checkSchema, int, kindSchema, obj, str } from '../schema/schema';

// Endpoints and EndpointSlices are written by Skiff's endpoints controller for Services with a selector; users
// write Endpoints themselves for a selector-less Service (manual endpoints).

const address = obj({ ip: str(), hostname: str(), nodeName: str(), targetRef: any }, ['ip']);
const port = obj(
  { name: str(), port: int(1, 65535), protocol: str(['TCP', 'UDP', 'SCTP']), appProtocol: str() },
  ['port'],
);
const endpointsSchema = kindSchema({
  subsets: arr(obj({ addresses: arr(address), notReadyAddresses: arr(address), ports: arr(port) })),
});
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export const endpointsStrategy: KindStrategy = {
  type: endpointsType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject): StatusCause[] {
    const structural = checkSchema(obj, endpointsSchema, '');
    if (structural.length > 0) return structural;
    const causes: StatusCause[] = [];
    const subsets = (
      obj as {
        subsets?: Array<{ addresses?: Array<{ ip: string }>; notReadyAddresses?: Array<{ ip: string }> }>;
      }
    ).subsets;
    (subsets ?? []).forEach((subset, i) =>
      (['addresses', 'notReadyAddresses'] as const).forEach((kind) =>
        (subset[kind] ?? []).forEach((a, j) => {
          if (!IPV4.test(a.ip))
            causes.push({
              type: 'FieldValueInvalid',
              field: `subsets[${i}].${kind}[${j}].ip`,
              message: `Invalid value: "${a.ip}": must be a valid IPv4 address`,
            });
        }),
      ),
    );
    return causes;
  },
};

const sliceSchema = kindSchema({
  addressType: str(['IPv4', 'IPv6', 'FQDN']),
  endpoints: arr(
    obj(
      {
        addresses: arr(str()),
        conditions: obj({ ready: any, serving: any, terminating: any }),
        targetRef: any,
        nodeName: str(),
        hostname: str(),
        zone: str(),
        hints: any,
      },
      ['addresses'],
    ),
  ),
  ports: arr(
    obj({ name: str(), port: int(0, 65535), protocol: str(['TCP', 'UDP', 'SCTP']), appProtocol: str() }),
  ),
});

export const endpointSliceStrategy: KindStrategy = {
  type: endpointSliceType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject): StatusCause[] {
    const structural = checkSchema(obj, sliceSchema, '');
    if (structural.length > 0) return structural;
    if (!(obj as { addressType?: string }).addressType)
      return [{ type: 'FieldValueRequired', field: 'addressType', message: 'Required value' }];
    return [];
  },
};
