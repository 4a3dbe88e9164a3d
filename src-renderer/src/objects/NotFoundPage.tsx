import { RouteLink, useNavigation } from '../routing/route-context';

/** An object page whose object is not there (yet, or any more): says so, and leads back to its list. */
export function NotFoundPage({
  kind,
  view,
  listLabel,
  loading,
}: {
  kind: string;
  view: string;
  listLabel: string;
  loading: boolean;
}) {
  const { route } = useNavigation();
  const where = route.namespace ? ` in namespace ${route.namespace}` : '';
  return (
    <section className="object-page" aria-label={`${kind} ${route.name ?? ''}`}>
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <RouteLink to={{ view, ...(route.namespace ? { namespace: route.namespace } : {}) }}>
          {listLabel}
        </RouteLink>
        <span aria-hidden="true">›</span>
        <span aria-current="page">{route.name}</span>
      </nav>
      {loading ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <p className="empty">
          There is no {kind} {route.name}
          {where}: it may have been deleted.{' '}
          <RouteLink to={{ view, ...(route.namespace ? { namespace: route.namespace } : {}) }}>
            Back to {listLabel}
          </RouteLink>
        </p>
      )}
    </section>
  );
}
