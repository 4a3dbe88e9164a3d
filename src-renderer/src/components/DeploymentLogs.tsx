import { useEffect, useRef, useState } from 'react';
import { matchesLabels, selectorRequirements } from '@shared/label-selector';
import type { Pod } from '@shared/pod-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import { LogViewer } from './LogViewer';

const REVISION = 'deployment.kubernetes.io/revision';

/** The logs of all a Deployment's pods in one view, each line marked by its pod, new revisions marked. */
export function DeploymentLogs({
  deployment,
  replicaSets,
  pods,
  openAsked = 0,
}: {
  deployment: Deployment;
  replicaSets: ReplicaSet[];
  pods: Pod[];
  /** bumped by a "Logs" button elsewhere: open, and bring the logs into view */
  openAsked?: number;
}) {
  const [open, setOpen] = useState(false);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (openAsked === 0) return;
    setOpen(true);
    section.current?.scrollIntoView({ block: 'start' });
  }, [openAsked]);
  const selector = selectorRequirements(deployment.spec.selector);
  const mine = pods
    .filter(
      (p) =>
        p.metadata.namespace === deployment.metadata.namespace &&
        matchesLabels(selector, p.metadata.labels) &&
        // a Terminating pod is on its way out: not one of the Deployment's pods any more
        !p.metadata.deletionTimestamp,
    )
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  const revisionOf = (pod: Pod) => {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    const rs = replicaSets.find((r) => r.metadata.uid === owner?.uid);
    const revision = Number(rs?.metadata.annotations?.[REVISION]);
    return Number.isFinite(revision) ? revision : undefined;
  };
  return (
    <section aria-label="Deployment logs" ref={section}>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide logs' : `Logs of all ${mine.length} pods`}
      </button>
      {open && (
        <LogViewer
          pods={mine}
          revisionOf={revisionOf}
          downloadName={`${deployment.metadata.name}-all-pods`}
        />
      )}
    </section>
  );
}
