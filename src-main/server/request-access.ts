import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, apiErrors } from '../store/api-error';
import { pathSegments } from './request-target';
import { presentedToken } from './request-guard';
import type { Authenticator } from '../auth/authenticator';
import { authorize, forbiddenStatus, type RbacPolicy, type RbacSubjectUser } from '../auth/rbac-rules';
import { rulesFor } from '../auth/escalation-check';
import type { PolicyRule } from '../shared/rbac-types';
import { requestAttributes } from './request-attributes';
import type { RequestUser } from '../auth/user-info';

/**
 * Authentication then authorization for every API request, HTTP or WebSocket, before any routing: Skiff's own
 * token may do anything; any other identity only what RBAC grants it (Kubernetes' 403 otherwise).
 */
export class RequestAccess {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly policy: RbacPolicy,
  ) {}

  /** The requesting user; throws 401 or 403 as the apiserver answers. */
  check(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders): RequestUser {
    const user = this.authenticator.authenticate(presentedToken(headers));
    if (!user) throw apiErrors.unauthorized();
    if (user.kind === 'owner') return user;
    const request = requestAttributes(method, path, pathSegments(path), query);
    const decision = authorize(this.policy, user, request);
    if (decision.allowed) return user;
    const { message, details } = forbiddenStatus(user.name, request, decision.reason);
    throw new ApiError(403, 'Forbidden', message, details);
  }

  /** Whether `user` may do what a request with these attributes would (SelfSubjectAccessReview). */
  allows(user: RequestUser, request: Parameters<typeof authorize>[2]): { allowed: boolean; reason: string } {
    if (user.kind === 'owner') return { allowed: true, reason: '' };
    return authorize(this.policy, user, request);
  }

  /** Every rule a user holds in a namespace ('' for cluster-wide): what it may grant others. */
  rulesFor(user: RbacSubjectUser, namespace: string): PolicyRule[] {
    return rulesFor(this.policy, user, namespace);
  }
}
