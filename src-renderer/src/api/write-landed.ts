const SERVER_SET = new Set(['resourceVersion', 'managedFields', 'generation', 'uid', 'creationTimestamp']);

/**
 * Whether `current` holds everything a replaced object said: a PUT sent again after the browser dropped the first
 * attempt (ERR_NETWORK_CHANGED) meets a 409 when the first attempt did land, and then the object on the server
 * is what was sent plus what the server fills in. Fields the server sets itself are left out of the comparison.
 */
export function writeLanded(sent: unknown, current: unknown, key?: string): boolean {
  if (key !== undefined && SERVER_SET.has(key)) return true;
  if (Array.isArray(sent))
    return (
      Array.isArray(current) &&
      sent.length === current.length &&
      sent.every((item, i) => writeLanded(item, current[i]))
    );
  if (sent && typeof sent === 'object') {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return false;
    return Object.entries(sent).every(([k, v]) => writeLanded(v, (current as Record<string, unknown>)[k], k));
  }
  return sent === current || (sent === null && current === undefined);
}
