// Container usage as Skiff's metrics collector measures it: served raw by the history extension
// (/apis/metrics.skiff.io/v1alpha1) for the UI's charts. Pure TypeScript.

export interface ContainerUsage {
  name: string;
  cpuNanoCores: number;
  memoryBytes: number;
}

export interface UsageSample {
  timestamp: number; // ms, the newest reading in it
  windowMs: number; // the span the CPU rate was measured over
  collectedAt: number; // ms, the collection round it belongs to: the same for every pod of a round
}

export interface PodUsageSample extends UsageSample {
  containers: ContainerUsage[];
}

export interface NodeUsageSample extends UsageSample {
  cpuNanoCores: number;
  memoryBytes: number;
}

export interface PodUsageHistory {
  metadata: { name: string; namespace: string; uid: string; labels?: Record<string, string> };
  samples: PodUsageSample[];
}
