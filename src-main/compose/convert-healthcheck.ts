import { cpuQuantity, isObj, memoryQuantity, str, type Notes, type Obj } from './compose-values';
import { durationSeconds } from './shell-words';

/**
 * A Compose healthcheck → a readinessProbe running the same command. Docker marks an unhealthy container but does
 * not restart it, and depends_on `service_healthy` waits for it: readiness (out of the Service until healthy) is
 * that meaning. No livenessProbe, which would restart it.
 */
export function convertHealthcheck(value: unknown, field: string, notes: Notes): Obj | undefined {
  if (value === undefined) return undefined;
  if (!isObj(value)) {
    notes.dropped(field, 'must be a mapping; left out');
    return undefined;
  }
  if (value.disable === true) {
    notes.mapped(`${field}.disable`, "no probe (the image's HEALTHCHECK is not run by Kubernetes either)");
    return undefined;
  }
  const test = value.test;
  let command: string[] | undefined;
  if (typeof test === 'string') command = ['/bin/sh', '-c', test];
  else if (Array.isArray(test) && test.length) {
    const [kind, ...rest] = test.map(String);
    if (kind === 'NONE') {
      notes.mapped(`${field}.test`, 'NONE: no probe');
      return undefined;
    }
    if (kind === 'CMD') command = rest;
    else if (kind === 'CMD-SHELL') command = ['/bin/sh', '-c', rest.join(' ')];
  }
  if (!command?.length) {
    notes.dropped(`${field}.test`, 'write ["CMD", …], ["CMD-SHELL", "…"] or a string; no probe made');
    return undefined;
  }
  const seconds = (key: string, fallback: number) => {
    if (value[key] === undefined) return fallback;
    const s = durationSeconds(value[key]);
    if (s === undefined)
      notes.dropped(
        `${field}.${key}`,
        `"${str(value[key])}" is not a duration like 10s or 1m30s; ${fallback}s used`,
      );
    return Math.max(1, s ?? fallback);
  };
  const probe: Obj = {
    exec: { command },
    periodSeconds: seconds('interval', 30),
    timeoutSeconds: seconds('timeout', 30),
    failureThreshold: Math.max(1, Number(value.retries ?? 3) || 3),
  };
  if (value.start_period !== undefined) probe.initialDelaySeconds = seconds('start_period', 0);
  notes.changed(
    field,
    'healthcheck → readinessProbe (same command, interval → periodSeconds, timeout, retries → failureThreshold' +
      (value.start_period !== undefined ? ', start_period → initialDelaySeconds' : '') +
      "): an unhealthy pod leaves its Service's endpoints; like Docker, nothing restarts it",
  );
  return probe;
}

/** Resource limits/reservations: deploy.resources, mem_limit, cpus. */
function resourcesOf(service: Obj, field: string, notes: Notes, out: Obj): void {
  const deploy = isObj(service.deploy) ? service.deploy : {};
  const resources = isObj(deploy.resources) ? deploy.resources : {};
  const limits: Obj = {};
  const requests: Obj = {};
  const read = (from: unknown, into: Obj, at: string) => {
    if (!isObj(from)) return;
    if (from.cpus !== undefined) {
      const q = cpuQuantity(from.cpus);
      if (q) into.cpu = q;
      else notes.dropped(`${at}.cpus`, 'not a number of CPUs; left out');
    }
    if (from.memory !== undefined) {
      const q = memoryQuantity(from.memory);
      if (q) into.memory = q;
      else notes.dropped(`${at}.memory`, 'not a size like 512m; left out');
    }
  };
  read(resources.limits, limits, `${field}.deploy.resources.limits`);
  read(resources.reservations, requests, `${field}.deploy.resources.reservations`);
  read({ cpus: service.cpus, memory: service.mem_limit }, limits, field);
  if (Object.keys(limits).length) {
    out.limits = limits;
    notes.mapped(
      `${field}.deploy.resources`,
      `limits → resources.limits (${Object.entries(limits)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')})`,
    );
  }
  if (Object.keys(requests).length) {
    out.requests = requests;
    notes.mapped(`${field}.deploy.resources.reservations`, '→ resources.requests');
  }
}

export { resourcesOf };
