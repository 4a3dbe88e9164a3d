/**
 * A Deployment's link to a folder Skiff builds its image from. It is one annotation (so exported YAML stays plain
 * Kubernetes YAML, and kubectl keeps or drops it like any annotation); its value is this object as JSON.
 */
export const BUILD_LINK_ANNOTATION = 'build.skiff.io/link';

export interface BuildLink {
  /** The container whose image each build replaces. */
  container: string;
  /** The build context: a folder on the machine running Skiff (absolute). */
  context: string;
  /** The Dockerfile, relative to the context (default `Dockerfile`). */
  dockerfile?: string;
  /** A multi-stage Dockerfile's stage to build. */
  target?: string;
  buildArgs?: Record<string, string>;
  /** Rebuild and roll out when a file of the context changes. */
  watch?: boolean;
}

/** Reads the link off a Deployment's annotations; a value that is not a link reads as an error message. */
export function readBuildLink(
  annotations: Record<string, string> | undefined,
): BuildLink | string | undefined {
  const raw = annotations?.[BUILD_LINK_ANNOTATION];
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return `annotation ${BUILD_LINK_ANNOTATION}: not JSON; write {"container":"…","context":"/folder"}`;
  }
  const link = value as Partial<BuildLink> | null;
  if (!link || typeof link !== 'object') return `annotation ${BUILD_LINK_ANNOTATION}: must be a JSON object`;
  if (typeof link.container !== 'string' || !link.container)
    return `annotation ${BUILD_LINK_ANNOTATION}: "container" must name the Deployment's container to build`;
  if (typeof link.context !== 'string' || !link.context.startsWith('/'))
    return `annotation ${BUILD_LINK_ANNOTATION}: "context" must be an absolute folder path`;
  for (const key of ['dockerfile', 'target'] as const)
    if (link[key] !== undefined && typeof link[key] !== 'string')
      return `annotation ${BUILD_LINK_ANNOTATION}: "${key}" must be a string`;
  if (
    link.buildArgs !== undefined &&
    (typeof link.buildArgs !== 'object' ||
      Object.values(link.buildArgs as object).some((v) => typeof v !== 'string'))
  )
    return `annotation ${BUILD_LINK_ANNOTATION}: "buildArgs" must map names to strings`;
  return link as BuildLink;
}
