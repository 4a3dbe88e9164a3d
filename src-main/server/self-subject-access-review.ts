import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAccess } from './request-access';
import type { RequestAttributes } from '../auth/request-attributes';
import type { RequestUser } from '../auth/user-info';
import { apiErrors } from '../store/api-error';
import { readDocument, requireObject, sendJson } from './http-io';

// authorization.k8s.io/v1 SelfSubjectAccessReview: "may I?" answered by the same authorizer as the request
// itself (`kubectl auth can-i`, and pods asking before they act).

const PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

export const isSelfSubjectAccessReviewPath = (path: string) => path === PATH;

interface ReviewSpec {
  resourceAttributes?: {
    namespace?: string;
    verb?: string;
    group?: string;
    version?: string;
    resource?: string;
    subresource?: string;
    name?: string;
  };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export async function handleSelfSubjectAccessReview(
  req: IncomingMessage,
  res: ServerResponse,
  user: RequestUser,
  access: RequestAccess,
): Promise<void> {
  if (req.method !== 'POST') throw apiErrors.methodNotAllowed(`${req.method} is not supported on ${PATH}`);
  const body = requireObject(await readDocument(req));
  const spec = (body.spec ?? {}) as ReviewSpec;
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  if ((resource ? 1 : 0) + (nonResource ? 1 : 0) !== 1)
    throw apiErrors.invalid(
      {
        group: 'authorization.k8s.io',
        version: 'v1',
        kind: 'SelfSubjectAccessReview',
        plural: 'selfsubjectaccessreviews',
        singular: '',
        namespaced: false,
        hasStatus: true,
      },
      '',
      [
        {
          type: 'FieldValueRequired',
          field: 'spec.resourceAttributes',
          message:
            'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
        },
      ],
    );
  const request: RequestAttributes = resource
    ? {
        resourceRequest: true,
        verb: resource.verb ?? '',
        apiGroup: resource.group ?? '',
        apiVersion: resource.version ?? '',
        resource: resource.resource ?? '',
        subresource: resource.subresource ?? '',
        namespace: resource.namespace ?? '',
        name: resource.name ?? '',
      }
    : { resourceRequest: false, verb: nonResource!.verb ?? '', path: nonResource!.path ?? '' };
  const decision = access.allows(user, request);
  sendJson(res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      allowed: decision.allowed,
      ...(decision.reason ? { reason: decision.reason } : {}),
    },
  });
}
