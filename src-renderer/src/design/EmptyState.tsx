import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** An empty list that says why it is empty and what to do next (with the action to do it, when there is one). */
export function EmptyState({
  icon: Icon,
  title,
  next,
  action,
}: {
  icon?: LucideIcon;
  title: string;
  /** What to do next, in words. */
  next: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state" role="status">
      {Icon && <Icon aria-hidden="true" size={28} strokeWidth={1.5} />}
      <p className="empty-state-title">{title}</p>
      <p className="empty-state-next">{next}</p>
      {action}
    </div>
  );
}
