import { matchesLabels, parseLabelSelector, type Requirement } from '@shared/label-selector';
import type { Pod } from '@shared/pod-types';

export const POD_STATES = ['All', 'Running', 'Pending', 'Succeeded', 'Failed'] as const;
export type PodState = (typeof POD_STATES)[number];

export interface PodFilter {
  /** part of the pod's name, any case */
  search: string;
  state: PodState;
  /** a label selector as `kubectl get -l` takes it */
  selector: string;
}

export const SELECTOR_HELP =
  'write key=value, key!=value, key in (a,b), key notin (a,b), key or !key, joined by commas';

/** The selector's requirements, or the message that says what is wrong with it and how to write it. */
export function readSelector(selector: string): { requirements: Requirement[] } | { problem: string } {
  let depth = 0;
  for (const ch of selector) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0 || depth > 1) break;
  }
  if (depth !== 0) return { problem: `Label selector: parentheses do not pair up; ${SELECTOR_HELP}.` };
  try {
    return { requirements: parseLabelSelector(selector) };
  } catch (err) {
    return { problem: `Label selector: ${(err as Error).message}; ${SELECTOR_HELP}.` };
  }
}

/**
 * The pods that pass every filter. A selector that does not parse filters nothing (the other filters still
 * apply) and comes back as `selectorProblem`.
 */
export function filterPods(pods: Pod[], filter: PodFilter): { pods: Pod[]; selectorProblem?: string } {
  const needle = filter.search.trim().toLowerCase();
  const selector = readSelector(filter.selector);
  const requirements = 'requirements' in selector ? selector.requirements : [];
  const shown = pods.filter(
    (pod) =>
      (filter.state === 'All' || pod.status?.phase === filter.state) &&
      (!needle || (pod.metadata.name ?? '').toLowerCase().includes(needle)) &&
      (requirements.length === 0 || matchesLabels(requirements, pod.metadata.labels)),
  );
  return 'problem' in selector ? { pods: shown, selectorProblem: selector.problem } : { pods: shown };
}
