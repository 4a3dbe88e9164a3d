/** Who made a request: Skiff's own user (its token, all-powerful) or an identity RBAC decides for. */
export type RequestUser =
  | { kind: 'owner' }
  | { kind: 'subject'; name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> };

export const OWNER: RequestUser = { kind: 'owner' };

const SA_PREFIX = 'system:serviceaccount:';

/** serviceaccount.MakeUsername */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** serviceaccount.MakeGroupNames plus system:authenticated, as the token authenticator's user carries. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'];
}
