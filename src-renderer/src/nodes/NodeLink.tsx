import { navigate } from '../state/use-route';

export const NODES_ROOT = '/nodes';
export const nodePagePath = (name: string) => `${NODES_ROOT}/${encodeURIComponent(name)}`;

/** A node's name that opens its page (a pod's node, a row of the nodes list). */
export function NodeLink({ name }: { name: string | undefined }) {
  if (!name) return <span className="hint">not scheduled</span>;
  return (
    <a
      href={nodePagePath(name)}
      aria-label={`Node ${name}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(nodePagePath(name));
      }}
    >
      {name}
    </a>
  );
}
