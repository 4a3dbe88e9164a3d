import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { KubeObject, Namespace } from '@shared/api-types';
import { CLUSTER_CONTEXTS_PATH, type ClusterContext } from '@shared/cluster-contexts';
import { collectionPath, namespaceType } from '@shared/resource-types';
import { CONTEXTS_QUERY_KEY } from '../clusters/ContextSwitcher';
import { useCluster } from '../clusters/use-cluster';
import { ErrorNotice } from '../components/ErrorNotice';
import { imagesOf, isLocalOnly, withPushedImages, type LocalImageFacts } from './local-images';
import { LocalImagesWarning } from './LocalImagesWarning';
import { promotedManifest } from './plan-promote';
import { PromotePlan } from './PromotePlan';
import { applyPromote, reviewPromote, type AppliedItem, type ReviewedItem } from './run-promote';
import { usePromoteSource } from './use-promote-source';

const keyOf = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;

/**
 * Promote a local namespace (or some of its objects) to another cluster: review what a server-side dry run
 * says (created, changed with a field diff, unchanged) and which images the cluster cannot pull, then apply
 * under the `skiff` field manager.
 */
export function PromoteView({ namespace: shown }: { namespace: string }) {
  const { localClient, clientFor, shellQueries } = useCluster();
  const [source, setSource] = useState(shown);
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  const [targetNamespace, setTargetNamespace] = useState('');
  const [registry, setRegistry] = useState('registry.example.com/team');
  const [usePushed, setUsePushed] = useState(false);
  const namespaces = useQuery(
    {
      queryKey: ['promote-namespaces'],
      queryFn: async () => (await localClient.list<Namespace>(collectionPath(namespaceType))).items,
    },
    shellQueries,
  );
  const contexts = useQuery(
    {
      queryKey: CONTEXTS_QUERY_KEY,
      queryFn: async () =>
        (await localClient.getDocument<{ items: ClusterContext[] }>(CLUSTER_CONTEXTS_PATH)).items,
    },
    shellQueries,
  );
  const objects = usePromoteSource(source);
  const chosen = useMemo(() => (objects.data ?? []).filter((o) => !left.has(keyOf(o))), [objects.data, left]);
  const remotes = (contexts.data ?? []).filter((c) => !c.local);
  const targetId = target || remotes[0]?.id || '';
  const toNamespace = targetNamespace || source;

  const review = useMutation({
    mutationFn: async (): Promise<{ items: ReviewedItem[]; localOnly: string[] }> => {
      // what the namespace holds now, not when the page opened
      const fresh = (await objects.refetch()).data ?? [];
      const chosen = fresh.filter((o) => !left.has(keyOf(o)));
      const images = [...new Set(chosen.flatMap(imagesOf))];
      const query = new URLSearchParams(images.map((image) => ['image', image]));
      const facts = images.length
        ? (
            await localClient.getDocument<{ items: LocalImageFacts[] }>(
              `/apis/ui.skiff.io/v1/localimages?${query}`,
            )
          ).items
        : [];
      const localOnly = facts.filter(isLocalOnly).map((f) => f.image);
      const manifests = chosen.map((o) => {
        const manifest = promotedManifest(o, toNamespace);
        return usePushed ? withPushedImages(manifest, localOnly, registry) : manifest;
      });
      return { items: await reviewPromote(clientFor(targetId), toNamespace, manifests), localOnly };
    },
  });
  const apply = useMutation({
    mutationFn: (items: ReviewedItem[]): Promise<AppliedItem[]> =>
      applyPromote(clientFor(targetId), toNamespace, items),
  });
  const reset = () => {
    review.reset();
    apply.reset();
  };

  return (
    <section aria-labelledby="promote-title" className="promote">
      <h1 id="promote-title">Promote to a cluster</h1>
      <div className="promote-form">
        <label>
          From local namespace{' '}
          <select
            aria-label="Source namespace"
            value={source}
            onChange={(e) => {
              setSource(e.target.value);
              setLeft(new Set());
              reset();
            }}
          >
            <option value="">choose…</option>
            {(namespaces.data ?? []).map((n) => (
              <option key={n.metadata.name} value={n.metadata.name}>
                {n.metadata.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          To context{' '}
          <select
            aria-label="Target context"
            value={targetId}
            onChange={(e) => {
              setTarget(e.target.value);
              reset();
            }}
          >
            {remotes.length === 0 && <option value="">no other cluster: add a kubeconfig</option>}
            {remotes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target namespace{' '}
          <input
            aria-label="Target namespace"
            value={toNamespace}
            onChange={(e) => {
              setTargetNamespace(e.target.value);
              reset();
            }}
          />
        </label>
      </div>
      <ErrorNotice error={namespaces.error ?? contexts.error ?? objects.error} />
      {source && (
        <fieldset className="promote-objects">
          <legend>
            Objects ({chosen.length} of {objects.data?.length ?? 0})
          </legend>
          {(objects.data ?? []).map((o) => (
            <label key={keyOf(o)}>
              <input
                type="checkbox"
                checked={!left.has(keyOf(o))}
                onChange={(e) => {
                  const next = new Set(left);
                  if (e.target.checked) next.delete(keyOf(o));
                  else next.add(keyOf(o));
                  setLeft(next);
                  reset();
                }}
              />{' '}
              {o.kind} {o.metadata.name}
            </label>
          ))}
        </fieldset>
      )}
      <button
        type="button"
        disabled={!targetId || !toNamespace || chosen.length === 0 || review.isPending}
        onClick={() => {
          apply.reset();
          review.mutate();
        }}
      >
        {review.isPending ? 'Reviewing…' : 'Review changes'}
      </button>
      <ErrorNotice error={review.error} />
      {review.data && (
        <>
          <LocalImagesWarning
            images={review.data.localOnly}
            registry={registry}
            onRegistry={setRegistry}
            usePushed={usePushed}
            onUsePushed={(use) => {
              setUsePushed(use);
              reset();
            }}
          />
          <PromotePlan items={review.data.items} />
          <button
            type="button"
            disabled={apply.isPending || review.data.items.some((i) => i.error)}
            onClick={() => apply.mutate(review.data.items)}
          >
            {apply.isPending ? 'Applying…' : `Apply to ${targetId}`}
          </button>
        </>
      )}
      <ErrorNotice error={apply.error} />
      {apply.data && (
        <ul aria-label="Promote result">
          {apply.data.map((r) => (
            <li key={`${r.kind}/${r.name}`} className={r.error ? 'pod-status-warn' : 'ok'}>
              {r.kind} {r.name}: {r.error ?? 'applied'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
