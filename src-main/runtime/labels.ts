// Every container, network and volume Skiff creates carries these labels; Skiff never touches anything without them.
export const LABEL = {
  managed: 'io.skiff.managed',
  instance: 'io.skiff.instance',
  namespace: 'io.skiff.namespace',
  podName: 'io.skiff.pod-name',
  podUid: 'io.skiff.pod-uid',
  container: 'io.skiff.container',
  role: 'io.skiff.role', // sandbox | init | app
  attempt: 'io.skiff.attempt',
  specHash: 'io.skiff.spec-hash',
  volume: 'io.skiff.volume',
  claimUid: 'io.skiff.claim-uid',
  claim: 'io.skiff.claim', // namespace/name
  serviceUid: 'io.skiff.service-uid',
  service: 'io.skiff.service', // namespace/name
  serviceRange: 'io.skiff.service-range', // on a namespace network: the CIDR Service addresses come from
} as const;

export type ContainerRole = 'sandbox' | 'init' | 'app' | 'service-proxy';
