import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Node } from '@shared/pod-types';
import { podRequests } from '@shared/pod-resources';
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from '@shared/quantity';
import type { KubeObject } from '@shared/api-types';
import type { PodTemplateSpec } from '@shared/workload-types';

/** Anything with replicas and a pod template: a Deployment, a StatefulSet. */
export interface Scalable extends KubeObject {
  spec: { replicas?: number; template: PodTemplateSpec };
  status?: { readyReplicas?: number };
}
import { useSkiff } from '../state/skiff-context';
import { ErrorNotice } from './ErrorNotice';
import { useCluster } from '../clusters/use-cluster';

interface Props {
  deployment: Scalable;
  path: string;
  node: Node | undefined;
  /** CPU (millicores) and memory (bytes) already requested on the node by all pods. */
  requested: { cpuMillis: number; memoryBytes: number };
}

/**
 * A slider and a number field for replicas. The value applies when the slider is released (or the number is
 * entered); until the Deployment reports it, it shows as pending; a refusal puts the slider back and shows the
 * server's message. Before applying it previews what the new count would request against what the node has left.
 */
export function ScaleControl({ deployment, path, node, requested }: Props) {
  const { client } = useSkiff();
  const { local } = useCluster();
  const current = deployment.spec.replicas ?? 1;
  const [draft, setDraft] = useState(current);
  const scale = useMutation({
    mutationFn: (replicas: number) => client.mergePatch<Scalable>(path, { spec: { replicas } }),
    onError: () => setDraft(current),
  });
  useEffect(() => {
    if (!scale.isPending) setDraft(current);
  }, [current, scale.isPending]);
  const apply = () => {
    if (draft !== current) scale.mutate(draft);
  };
  const perPod = podRequests(deployment.spec.template.spec ?? { containers: [] });
  const allocatable = node?.status?.allocatable ?? {};
  const cpuLeft = cpuMillis(allocatable.cpu) - requested.cpuMillis + perPod.cpuMillis * current;
  const memoryLeft = memoryBytes(allocatable.memory) - requested.memoryBytes + perPod.memoryBytes * current;
  const wantCpu = perPod.cpuMillis * draft;
  const wantMemory = perPod.memoryBytes * draft;
  const fits = wantCpu <= cpuLeft && wantMemory <= memoryLeft;
  const ready = deployment.status?.readyReplicas ?? 0;
  const max = Math.max(10, current * 2, draft);
  return (
    <div className="scale-control" aria-label="Scale">
      <label>
        Replicas
        <input
          type="range"
          min={0}
          max={max}
          value={draft}
          aria-label="Replicas slider"
          onChange={(e) => setDraft(Number(e.target.value))}
          onPointerUp={apply}
          onKeyUp={apply}
        />
      </label>
      <input
        type="number"
        min={0}
        value={draft}
        aria-label="Replicas"
        onChange={(e) => setDraft(e.target.value === '' ? 0 : Number(e.target.value))}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
        onBlur={apply}
      />
      <span role="status" aria-label="Scaling state">
        {scale.isPending || ready !== current
          ? `Scaling to ${scale.isPending ? draft : current}… (${ready} ready)`
          : `${ready} of ${current} ready`}
      </span>
      {draft !== current && !local && (
        <p className="hint" aria-label="Resource preview">
          Capacity preview is for the local Docker engine only; this cluster's scheduler decides where pods
          fit.
        </p>
      )}
      {draft !== current && local && (
        <p className={fits ? 'hint' : 'pod-status-warn'} aria-label="Resource preview">
          {draft} replicas request {formatCpu(wantCpu)} CPU and {formatMemory(wantMemory)} memory; the node
          has {formatCpu(Math.max(0, cpuLeft))} CPU and {formatMemory(Math.max(0, memoryLeft))} left
          {fits ? '.' : ': some pods would stay Pending.'}
        </p>
      )}
      <ErrorNotice error={scale.error} />
    </div>
  );
}
