import { createHash } from 'node:crypto';
import { LOCAL_CLUSTER_ID } from '../shared/cluster-contexts';

/**
 * A context's id in URLs: its name when that already is one ([a-z0-9-]+, not `local`), else the name slugged
 * plus a short hash of the name. It depends on the name alone, so adding or removing another file never
 * renames a context; names are unique after merging, so ids are too.
 */
export function contextId(name: string): string {
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && name !== LOCAL_CLUSTER_ID && name.length <= 63)
    return name;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  return slug ? `${slug}-${hash}` : `context-${hash}`;
}
