import { describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule } from '../shared/rbac-types';
import { aggregatedRules } from './plan-cluster-role-aggregation';

const role = (
  name: string,
  labels: Record<string, string>,
  rules?: PolicyRule[],
  aggregateFrom?: string,
): ClusterRole => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels },
  ...(rules ? { rules } : {}),
  ...(aggregateFrom
    ? {
        aggregationRule: {
          clusterRoleSelectors: [
            { matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateFrom}`]: 'true' } },
          ],
        },
      }
    : {}),
});
const pods: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
const crons: PolicyRule = { apiGroups: ['stable.example.com'], resources: ['crontabs'], verbs: ['get'] };

describe('aggregatedRules', () => {
  it('gathers the selected roles in name order, each rule once, never its own', () => {
    const view = role('view', { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }, [], 'view');
    const all = [
      view,
      role('z-crontab-view', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, [crons, pods]),
      role('system:aggregate-to-view', { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, [pods]),
      role('unrelated', {}, [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
    ];
    expect(aggregatedRules(view, all)).toEqual([pods, crons]);
  });

  it('leaves a role without aggregationRule alone', () => {
    expect(aggregatedRules(role('plain', {}, [pods]), [])).toBeUndefined();
  });
});
