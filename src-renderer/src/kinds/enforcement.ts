// Kinds Skiff stores and serves but does not act on, and what that means for the user. Said the same way in the
// UI as the API says it (#15). Pure.

const NOT_ENFORCED: Record<string, string> = {
  'networking.k8s.io/NetworkPolicy':
    'Skiff stores NetworkPolicies but does not enforce them: every pod can still reach every other pod in its namespace.',
};

/** Why objects of this kind have no effect here, or undefined when Skiff acts on them. */
export function notEnforcedReason(group: string, kind: string): string | undefined {
  return NOT_ENFORCED[`${group}/${kind}`];
}
