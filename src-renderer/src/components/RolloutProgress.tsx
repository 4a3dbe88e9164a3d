import type { RolloutStep } from '../views/deployment-relations';

/**
 * A rollout as it happens: one bar per ReplicaSet that wants or has pods — the new revision filling up, the old
 * ones draining. Each bar shows ready pods against the pods the ReplicaSet wants.
 */
export function RolloutProgress({ steps }: { steps: RolloutStep[] }) {
  return (
    <section aria-label="Rollout progress" className="rollout-progress">
      <h3>Rollout progress</h3>
      <ul>
        {steps.map((step) => (
          <li
            key={step.name}
            data-revision={step.revision}
            className={step.isNew ? 'rollout-new' : 'rollout-old'}
          >
            <span className="rollout-label">
              Revision {step.revision} {step.isNew ? '(new)' : '(old)'} · {step.images}
            </span>
            <meter
              min={0}
              max={Math.max(step.desired, step.current, 1)}
              value={step.ready}
              aria-label={`Revision ${step.revision} ready pods`}
            />
            <span className="rollout-count">
              {step.ready} ready of {step.desired}
              {step.current !== step.desired ? ` (${step.current} running)` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
