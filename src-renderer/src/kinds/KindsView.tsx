import { useCallback } from 'react';
import type { KubeObject } from '@shared/api-types';
import { ErrorNotice } from '../components/ErrorNotice';
import { groupTitle, kindsByGroup, type DiscoveredKind } from './discovered-kinds';
import { kindPath, objectRoutePath, parseKindRoute } from './kind-route';
import { KindDetail } from './KindDetail';
import { KindList } from './KindList';
import { useDiscovery } from './use-discovery';

const sameKind = (a: DiscoveredKind, b: { group: string; version: string; plural: string }) =>
  a.group === b.group && a.version === b.version && a.plural === b.plural;

/**
 * Every kind the API serves, grouped by API group, each listed and opened generically: no view per kind, so kinds
 * the server gains (RBAC, policies, quotas, CRDs and their custom resources) appear as soon as discovery has them.
 */
export function KindsView({
  route,
  namespace,
  onNavigate,
}: {
  route: string;
  namespace: string;
  onNavigate: (path: string) => void;
}) {
  const discovery = useDiscovery();
  const { kind: wanted, object } = parseKindRoute(route);
  const kind = wanted && discovery.data?.find((k) => sameKind(k, wanted));
  const open = useCallback(
    (o: KubeObject) =>
      kind &&
      onNavigate(objectRoutePath(kind, { namespace: o.metadata.namespace, name: o.metadata.name ?? '' })),
    [kind, onNavigate],
  );
  return (
    <div className="kinds-layout">
      <nav aria-label="Kinds" className="kinds-nav">
        <ErrorNotice error={discovery.error} />
        {discovery.isPending && <p className="hint">Reading discovery…</p>}
        {kindsByGroup(discovery.data ?? []).map(({ group, kinds }) => (
          <section key={group} aria-label={`API group ${groupTitle(group)}`}>
            <h2 className="nav-group-title">{groupTitle(group)}</h2>
            <ul>
              {kinds.map((k) => (
                <li key={`${k.version}/${k.plural}`}>
                  <a
                    href={kindPath(k)}
                    aria-current={kind && sameKind(k, kind) ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      onNavigate(kindPath(k));
                    }}
                  >
                    {k.kind}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <div className="kinds-content">
        {!wanted ? (
          <section aria-labelledby="kinds-title">
            <h1 id="kinds-title">All kinds</h1>
            <p className="hint">Every kind the API serves, by API group. Pick one to list its objects.</p>
          </section>
        ) : !kind ? (
          <p className="hint">
            {discovery.isPending
              ? 'Reading discovery…'
              : `The API does not serve ${wanted.plural} in ${wanted.group || 'core'}/${wanted.version}.`}
          </p>
        ) : // an object's page in place of its list, never below it
        object ? (
          <KindDetail kind={kind} namespace={object.namespace} name={object.name} />
        ) : (
          <KindList kind={kind} namespace={namespace} onOpen={open} />
        )}
      </div>
    </div>
  );
}
