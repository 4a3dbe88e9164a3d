import { dump } from 'js-yaml';
import { useState } from 'react';
import { REVISION_ANNOTATION, type ReplicaSet } from '@shared/workload-types';
import { diffLines } from './line-diff';

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);

/** A revision's pod template as the user wrote it: without the pod-template-hash label Skiff adds. */
function templateYaml(rs: ReplicaSet): string {
  const template = structuredClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  return dump(template, { noRefs: true, sortKeys: true, lineWidth: 120 });
}

/** What changed between two revisions' pod templates, line by line. */
export function RevisionDiff({ replicaSets }: { replicaSets: ReplicaSet[] }) {
  const revisions = replicaSets.map(revisionOf).sort((x, y) => y - x);
  // until the user picks, the newest revision against the one before it (also as new revisions arrive)
  const [chosenFrom, setFrom] = useState<number | undefined>();
  const [chosenTo, setTo] = useState<number | undefined>();
  const from = chosenFrom ?? revisions[1] ?? 0;
  const to = chosenTo ?? revisions[0] ?? 0;
  if (revisions.length < 2) return null;
  const find = (revision: number) => replicaSets.find((rs) => revisionOf(rs) === revision);
  const before = find(from);
  const after = find(to);
  const lines = before && after ? diffLines(templateYaml(before), templateYaml(after)) : [];
  const pick = (label: string, value: number, set: (n: number) => void) => (
    <label>
      {label}{' '}
      <select aria-label={`${label} revision`} value={value} onChange={(e) => set(Number(e.target.value))}>
        {revisions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-label="Compare revisions">
      <h4>Compare revisions</h4>
      <div className="log-toolbar">
        {pick('From', from, setFrom)}
        {pick('To', to, setTo)}
      </div>
      <pre className="diff" aria-label="Template diff">
        {lines.map((l, i) => (
          <div key={i} className={`diff-${l.kind}`}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
