import type { ReactNode } from 'react';
import type { Tone } from './tokens';

/** A status in words on its tone's colour (the words carry the meaning; the colour only helps). */
export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** The tone of a pod or container status as kubectl prints it. */
export function toneOfStatus(status: string): Tone {
  if (/^(Running|Succeeded|Completed|Ready|Active|Bound|Available|True|Complete)$/.test(status)) return 'ok';
  if (/(Err|BackOff|Failed|Error|OOMKilled|Invalid|Unknown|Lost|CrashLoop|Evicted|False)/.test(status))
    return 'danger';
  if (/^(Pending|ContainerCreating|PodInitializing|Terminating|Progressing|Waiting|Init:)/.test(status))
    return 'warn';
  return 'neutral';
}
