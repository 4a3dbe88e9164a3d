import type { Disposable } from '../shared/disposable';
import { deepEqual } from '../shared/deep-equal';
import { clusterRoleType, type ClusterRole } from '../shared/rbac-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { aggregatedRules } from './plan-cluster-role-aggregation';

/**
 * Keeps every ClusterRole with an aggregationRule holding the rules of the ClusterRoles it selects (admin, edit
 * and view gather the `aggregate-to-*` roles; a chart's own aggregate-to-view role extends view at once).
 */
export class ClusterRoleAggregationController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(private readonly store: ObjectStore) {
    const aggregating = () =>
      (store.list(clusterRoleType).items as ClusterRole[])
        .filter((r) => r.aggregationRule)
        .map((r) => r.metadata.name!);
    this.loop = startControllerLoop({
      store,
      name: 'clusterrole-aggregation-controller',
      reconcile: (name) => this.reconcile(name),
      // any ClusterRole change may change what an aggregated one selects
      keysFor: (_event, type) => (type === clusterRoleType ? aggregating() : []),
      initialKeys: aggregating,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private async reconcile(name: string): Promise<void> {
    const role = this.store.tryGet(clusterRoleType, undefined, name) as ClusterRole | undefined;
    if (!role) return;
    const rules = aggregatedRules(role, this.store.list(clusterRoleType).items as ClusterRole[]);
    if (!rules || deepEqual(rules, role.rules ?? [])) return;
    await this.store.update(clusterRoleType, { ...role, rules }).catch(ignoreGoneOrChanged);
  }
}
