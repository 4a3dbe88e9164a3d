import type { ReviewedItem } from './run-promote';
import { summarize } from './plan-promote';

const ACTION_WORDS = { create: 'created', change: 'changed', unchanged: 'unchanged' } as const;

/** The dry run's answer per object: created, changed (fields and lines), unchanged, or refused. */
export function PromotePlan({ items }: { items: ReviewedItem[] }) {
  const counts = summarize(items.filter((i) => !i.error));
  const refused = items.filter((i) => i.error).length;
  return (
    <section aria-label="Promote plan">
      <p role="status" aria-label="Plan summary">
        {counts.create} created · {counts.change} changed · {counts.unchanged} unchanged
        {refused ? ` · ${refused} refused` : ''}
      </p>
      <ul className="promote-plan">
        {items.map((item) => (
          <li key={`${item.kind}/${item.name}`} aria-label={`${item.kind} ${item.name}`}>
            <strong>
              {item.kind} {item.name}
            </strong>{' '}
            {item.error ? (
              <span className="pod-status-warn">refused: {item.error}</span>
            ) : (
              <span className={`promote-${item.action}`}>{ACTION_WORDS[item.action]}</span>
            )}
            {item.action === 'change' && !item.error && (
              <details open>
                <summary>{item.fields.join(', ')}</summary>
                <pre className="diff" aria-label={`Diff of ${item.kind} ${item.name}`}>
                  {item.diff.map((l, i) => (
                    <div key={i} className={`diff-${l.kind}`}>
                      {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
                      {l.text}
                    </div>
                  ))}
                </pre>
              </details>
            )}
            {item.action === 'create' && !item.error && (
              <details>
                <summary>show</summary>
                <pre className="diff" aria-label={`Diff of ${item.kind} ${item.name}`}>
                  {item.diff.map((l, i) => (
                    <div key={i} className="diff-added">
                      + {l.text}
                    </div>
                  ))}
                </pre>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
