import { notEnforcedReason } from './enforcement';

/** "Not enforced here" beside a kind Skiff only stores, with the reason as its description. */
export function NotEnforcedBadge({ group, kind }: { group: string; kind: string }) {
  const reason = notEnforcedReason(group, kind);
  if (!reason) return null;
  return (
    <span className="badge badge-warning" role="note" aria-label="Not enforced here" title={reason}>
      Not enforced here
    </span>
  );
}
