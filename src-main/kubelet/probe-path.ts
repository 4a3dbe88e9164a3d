// How this host reaches pods: directly when this process shares a Linux host with the engine (it is then on the
// containers' bridge networks); through the gateway container otherwise — Docker Desktop, a VM behind
// DOCKER_HOST, colima — where pod addresses are not reachable from here. Probes follow it, and so do NodePorts
// (served from the host's network when pods are reachable, published by the engine when not).
// SKIFF_POD_ROUTE=direct|gateway overrides.

export interface ProbePathFacts {
  /** SKIFF_POD_ROUTE, when set */
  setting: string | undefined;
  platform: string;
  dockerHost: string | undefined;
  /** the engine's OperatingSystem, e.g. "Debian GNU/Linux 12 (bookworm)" or "Docker Desktop" */
  operatingSystem: string;
}

export function probesThroughGateway(facts: ProbePathFacts): boolean {
  if (facts.setting === 'gateway') return true;
  if (facts.setting === 'direct') return false;
  const localSocket = !facts.dockerHost || facts.dockerHost.startsWith('unix://');
  return facts.platform !== 'linux' || !localSocket || /docker desktop/i.test(facts.operatingSystem);
}

/** A message for a SKIFF_POD_ROUTE value that is neither, or undefined when it is fine. */
export function checkProbeSetting(setting: string | undefined): string | undefined {
  if (setting === undefined || setting === '' || setting === 'direct' || setting === 'gateway')
    return undefined;
  return `SKIFF_POD_ROUTE must be "direct" or "gateway" (or unset to choose by the engine), not "${setting}"`;
}
