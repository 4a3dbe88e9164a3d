import type { Disposable } from '../shared/disposable';
import { NETWORK_POLICY_NOT_ENFORCED, networkPolicyType } from '../shared/policy-resource-types';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';

/** Records a Warning Event on each new NetworkPolicy: Skiff keeps it but does not enforce it. */
export function noticeUnenforcedNetworkPolicies(store: ObjectStore, recorder: EventRecorder): Disposable {
  return store.subscribe((event, type) => {
    if (type !== networkPolicyType || event.type !== 'ADDED') return;
    void recorder.record(event.object, 'Warning', 'NotEnforced', NETWORK_POLICY_NOT_ENFORCED);
  });
}
