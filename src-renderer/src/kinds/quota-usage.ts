import { parseQuantity } from '@shared/quantity';

// A ResourceQuota's use of each resource it limits, for bars: used against hard, as the quota controller last
// counted it (status.used), and how close to the limit that is. Pure.

export interface QuotaUsage {
  resource: string;
  used: string;
  hard: string;
  /** used / hard, 0 to 1 (over the limit counts as 1); undefined when either is not a quantity */
  fraction: number | undefined;
  level: 'ok' | 'high' | 'full';
}

interface QuotaLike {
  spec?: { hard?: Record<string, string> };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** The share from which a bar warns. */
export const HIGH_USE = 0.8;

/** One row per resource in the quota's hard limits (status.hard as enforced, else spec.hard), by name. */
export function quotaUsage(quota: QuotaLike): QuotaUsage[] {
  const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
  const used = quota.status?.used ?? {};
  return Object.keys(hard)
    .sort()
    .map((resource) => {
      const limit = parseQuantity(hard[resource]);
      const usedText = used[resource] ?? '0';
      const amount = parseQuantity(usedText);
      const fraction =
        limit === undefined || amount === undefined
          ? undefined
          : limit <= 0
            ? amount > 0
              ? 1
              : 0
            : Math.min(1, amount / limit);
      const full = limit !== undefined && amount !== undefined && amount >= limit && limit > 0;
      return {
        resource,
        used: usedText,
        hard: hard[resource]!,
        fraction,
        level:
          full || (limit === 0 && (amount ?? 0) > 0) ? 'full' : (fraction ?? 0) >= HIGH_USE ? 'high' : 'ok',
      };
    });
}
