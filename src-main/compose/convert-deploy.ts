import { resourcesOf } from './convert-healthcheck';
import { isObj, str, type Notes, type Obj } from './compose-values';
import { durationSeconds } from './shell-words';

/**
 * `deploy:` and `scale:` → the Deployment spec's replicas, strategy and minReadySeconds (resources go into
 * `resources`). update_config's order says which way a rolling update goes: stop-first (Compose's default) takes
 * `parallelism` old pods down before starting new ones (maxUnavailable, no surge); start-first starts them first
 * (maxSurge, none unavailable).
 */
export function convertDeploy(service: Obj, field: string, notes: Notes, resources: Obj): Obj {
  const spec: Obj = {};
  const deploy = isObj(service.deploy) ? service.deploy : {};
  const at = `${field}.deploy`;
  const replicas = deploy.replicas ?? service.scale;
  if (deploy.mode === 'global') {
    spec.replicas = 1;
    notes.changed(`${at}.mode`, 'global → 1 replica: Skiff is one node (a DaemonSet would be the same)');
  } else if (replicas !== undefined) {
    const n = Number(replicas);
    if (Number.isInteger(n) && n >= 0) {
      spec.replicas = n;
      notes.mapped(deploy.replicas !== undefined ? `${at}.replicas` : `${field}.scale`, `→ replicas: ${n}`);
    } else notes.dropped(`${at}.replicas`, `"${str(replicas)}" is not a whole number; 1 replica`);
  }
  const update = isObj(deploy.update_config) ? deploy.update_config : undefined;
  if (update) {
    const parallelism = Number(update.parallelism ?? 1);
    const step = parallelism > 0 && Number.isInteger(parallelism) ? parallelism : 1;
    const startFirst = update.order === 'start-first';
    spec.strategy = {
      type: 'RollingUpdate',
      rollingUpdate: startFirst
        ? { maxSurge: step, maxUnavailable: 0 }
        : { maxSurge: 0, maxUnavailable: step },
    };
    notes.mapped(
      `${at}.update_config`,
      `order ${startFirst ? 'start-first' : 'stop-first'}, parallelism ${step} → RollingUpdate ${startFirst ? `maxSurge ${step}, maxUnavailable 0` : `maxSurge 0, maxUnavailable ${step}`}`,
    );
    const delay = update.delay === undefined ? undefined : durationSeconds(update.delay);
    if (delay) {
      spec.minReadySeconds = delay;
      notes.changed(
        `${at}.update_config.delay`,
        `→ minReadySeconds ${delay}: a new pod must stay ready that long before the rollout goes on`,
      );
    }
    for (const key of ['failure_action', 'monitor', 'max_failure_ratio'])
      if (update[key] !== undefined)
        notes.dropped(
          `${at}.update_config.${key}`,
          'not carried: a failing rollout stops at progressDeadlineSeconds; roll back from its history (Rollback)',
        );
  }
  if (deploy.rollback_config !== undefined)
    notes.dropped(
      `${at}.rollback_config`,
      "not carried: a rollback is one step back in the Deployment's history",
    );
  if (deploy.restart_policy !== undefined)
    notes.changed(
      `${at}.restart_policy`,
      "a Deployment's pods always restart their container, with Kubernetes' backoff",
    );
  for (const key of ['placement', 'endpoint_mode', 'labels'])
    if (deploy[key] !== undefined)
      notes.dropped(`${at}.${key}`, 'not carried (one node, Services do the balancing)');
  resourcesOf(service, field, notes, resources);
  return spec;
}
