import type { KubeObject } from '@shared/api-types';

// Images a promoted manifest names that only the local engine has: another cluster cannot pull them. Pure.

interface ContainerLike {
  image?: string;
}
interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  ephemeralContainers?: ContainerLike[];
}

function podSpecOf(object: KubeObject): PodSpecLike | undefined {
  const spec = object.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec as PodSpecLike;
  if (object.kind === 'CronJob') {
    const job = spec.jobTemplate as { spec?: { template?: { spec?: PodSpecLike } } } | undefined;
    return job?.spec?.template?.spec;
  }
  return (spec.template as { spec?: PodSpecLike } | undefined)?.spec;
}

/** Every image the object's pods would run, in order, once each. */
export function imagesOf(object: KubeObject): string[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const all = [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])];
  return [...new Set(all.map((c) => c.image).filter((i): i is string => !!i))];
}

export interface LocalImageFacts {
  image: string;
  present: boolean;
  repoDigests: string[];
}

/** An image the engine has that no registry has handed it or taken from it: built or tagged here only. */
export function isLocalOnly(facts: LocalImageFacts): boolean {
  return facts.present && facts.repoDigests.length === 0;
}

/** `web`, `web:v1`, `docker.io/library/web:v1` → the repository without tag or digest, and the tag. */
export function splitImage(image: string): { repository: string; tag: string } {
  const [withoutDigest] = image.split('@');
  const name = withoutDigest ?? image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: 'latest' };
}

/**
 * Where the image would live in `registry` (e.g. `registry.example.com/team`): the repository's last part
 * under the registry, the same tag.
 */
export function pushedName(image: string, registry: string): string {
  const { repository, tag } = splitImage(image);
  const base = repository.slice(repository.lastIndexOf('/') + 1);
  return `${registry.replace(/\/+$/, '')}/${base}:${tag}`;
}

/** The lines that make the image pullable by another cluster. */
export function pushCommands(image: string, registry: string): string[] {
  const target = pushedName(image, registry);
  return [`docker tag ${image} ${target}`, `docker push ${target}`];
}

/** A manifest with each of `images` replaced by its pushed name, for promoting after the push. */
export function withPushedImages(object: KubeObject, images: string[], registry: string): KubeObject {
  const copy = structuredClone(object);
  const pod = podSpecOf(copy);
  for (const c of [
    ...(pod?.initContainers ?? []),
    ...(pod?.containers ?? []),
    ...(pod?.ephemeralContainers ?? []),
  ])
    if (c.image && images.includes(c.image)) c.image = pushedName(c.image, registry);
  return copy;
}
