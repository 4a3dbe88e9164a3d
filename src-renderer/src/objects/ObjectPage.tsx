import { useEffect, type ReactNode } from 'react';
import './object-page.css';
import type { KubeObject } from '@shared/api-types';
import { formatAge } from '../components/format-age';
import { objectRoute, type AppRoute } from '../routing/app-route';
import { rememberOpened } from '../routing/recent-objects';
import { RouteLink, useNavigation } from '../routing/route-context';
import type { Failure } from '../status/failing-reason';
import { KindIcon } from './KindIcon';

export interface ObjectTab {
  id: string;
  label: string;
  content: ReactNode;
}

export interface ObjectStatus {
  text: string;
  tone: 'ok' | 'warn' | 'bad';
}

interface Props {
  kind: string;
  object: KubeObject;
  /** The list this object belongs to: its view and label, for breadcrumbs. */
  view: string;
  listLabel: string;
  status?: ObjectStatus;
  failure?: Failure;
  /** The object that owns this one (a pod's ReplicaSet's Deployment, a Job's CronJob). */
  owner?: { kind: string; name: string; route?: AppRoute };
  /** Buttons: primary first, destructive last. */
  actions?: ReactNode;
  /** Shown under the header on every tab (notices such as an automatic rollback). */
  notices?: ReactNode;
  tabs: ObjectTab[];
  now: number;
}

/**
 * One layout for every kind's page: a header that stays (kind icon, name, namespace, status with the failing
 * reason in words, age, owner), an action toolbar, and tabs with addresses of their own (…/<name>/<tab>).
 */
export function ObjectPage({
  kind,
  object,
  view,
  listLabel,
  status,
  failure,
  owner,
  actions,
  notices,
  tabs,
  now,
}: Props) {
  const { route, go } = useNavigation();
  const name = object.metadata.name ?? '';
  const namespace = object.metadata.namespace;
  const active = tabs.find((t) => t.id === route.tab) ?? tabs[0];
  useEffect(
    () => rememberOpened(view, { name, ...(namespace ? { namespace } : {}) }),
    [view, name, namespace],
  );
  const select = (id: string) => go(objectRoute(view, name, namespace, id === tabs[0]?.id ? undefined : id));
  return (
    <section className="object-page" aria-label={`${kind} ${name}`}>
      <header className="object-header">
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <RouteLink to={{ view, ...(namespace ? { namespace } : {}) }}>{listLabel}</RouteLink>
          {namespace && (
            <>
              <span aria-hidden="true">›</span>
              <RouteLink to={{ view: 'namespaces', name: namespace }} label={`Namespace ${namespace}`}>
                {namespace}
              </RouteLink>
            </>
          )}
          <span aria-hidden="true">›</span>
          <span aria-current="page">{name}</span>
        </nav>
        <div className="object-title">
          <KindIcon kind={kind} size={22} />
          <h2>
            <span className="object-kind">{kind}</span> {name}
          </h2>
          {status && (
            <span role="status" aria-label={`${kind} status`} className={`badge badge-${status.tone}`}>
              {status.text}
            </span>
          )}
        </div>
        <dl className="object-meta">
          {namespace && (
            <>
              <dt>Namespace</dt>
              <dd>{namespace}</dd>
            </>
          )}
          <dt>Age</dt>
          <dd>{formatAge(object.metadata.creationTimestamp, now)}</dd>
          {owner && (
            <>
              <dt>Owner</dt>
              <dd>
                {owner.route ? (
                  <RouteLink to={owner.route} label={`Owner ${owner.kind} ${owner.name}`}>
                    {owner.kind} {owner.name}
                  </RouteLink>
                ) : (
                  `${owner.kind} ${owner.name}`
                )}
              </dd>
            </>
          )}
        </dl>
        {failure && (
          <p role="alert" aria-label="Failing reason" className="failure-banner">
            <strong>{failure.reason}</strong> {failure.summary}
            {failure.pod
              ? ` (pod ${failure.pod}${failure.container ? `, container ${failure.container}` : ''})`
              : ''}
            {failure.detail ? `: ${failure.detail}` : ''}
          </p>
        )}
        {actions && (
          <div role="toolbar" aria-label="Actions" className="object-actions">
            {actions}
          </div>
        )}
        <div role="tablist" aria-label={`${kind} tabs`} className="tabs object-tabs">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={t === active}
              aria-controls={`panel-${t.id}`}
              onClick={() => select(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      {notices}
      {active && (
        <div
          role="tabpanel"
          id={`panel-${active.id}`}
          aria-labelledby={`tab-${active.id}`}
          className="object-panel"
        >
          {active.content}
        </div>
      )}
    </section>
  );
}
