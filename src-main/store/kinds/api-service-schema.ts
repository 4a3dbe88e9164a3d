import type { KubeObject } from '../../shared/api-types';
import type { JSONSchemaProps } from '../custom/json-schema';
import { decodeWithSchema, type DecodeResult } from '../custom/decode-with-schema';

// The shape of apiregistration.k8s.io/v1 APIService, for the decoding step: kubectl's descriptors (the generated
// field table) do not include kube-aggregator's types.

const str: JSONSchemaProps = { type: 'string' };
const int32: JSONSchemaProps = { type: 'integer', format: 'int32' };

export const apiServiceSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        service: { type: 'object', properties: { namespace: str, name: str, port: int32 } },
        group: str,
        version: str,
        insecureSkipTLSVerify: { type: 'boolean' },
        caBundle: { type: 'string', format: 'byte' },
        groupPriorityMinimum: int32,
        versionPriority: int32,
      },
    },
    status: {
      type: 'object',
      properties: {
        conditions: {
          type: 'array',
          items: {
            type: 'object',
            properties: { type: str, status: str, lastTransitionTime: str, reason: str, message: str },
          },
        },
      },
    },
  },
};

export function decodeApiService(body: KubeObject, strict: boolean): DecodeResult {
  return decodeWithSchema(body, apiServiceSchema, strict, { typeCheck: true });
}
