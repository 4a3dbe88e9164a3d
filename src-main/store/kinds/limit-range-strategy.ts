import type { KubeObject, StatusCause } from '../../shared/api-types';
import { limitRangeType } from '../../shared/policy-resource-types';
import type { LimitRange, LimitRangeItem } from '../../shared/policy-types';
import { amountOf, formatAmount } from '../admission/resource-list';
import type { KindStrategy } from '../kind-strategy';
import { validateQuantities } from './policy-fields';

// v1 LimitRange, defaulted as SetDefaults_LimitRangeItem and validated as ValidateLimitRange. Applied to pods at
// admission (store/admission/limit-ranger.ts).

const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

function validateItem(item: LimitRangeItem, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!TYPES.includes(item.type))
    causes.push({
      type: 'FieldValueNotSupported',
      field: `${at}.type`,
      message: `Unsupported value: "${item.type ?? ''}": supported values: "Container", "PersistentVolumeClaim", "Pod"`,
    });
  for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const)
    causes.push(...validateQuantities(item[key], `${at}.${key}`));
  if (causes.length > 0) return causes;
  if (item.type === 'Pod') {
    for (const key of ['default', 'defaultRequest'] as const)
      if (Object.keys(item[key] ?? {}).length > 0)
        causes.push({
          type: 'FieldValueForbidden',
          field: `${at}.${key}`,
          message: "Forbidden: may not be specified when `type` is 'Pod'",
        });
  }
  const q = (list: Record<string, string | number> | undefined, k: string) =>
    list?.[k] === undefined ? undefined : amountOf(list[k]!);
  const names = new Set(
    ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].flatMap((k) =>
      Object.keys(item[k as keyof LimitRangeItem] ?? {}),
    ),
  );
  for (const k of [...names].sort()) {
    const [min, max, def, req, ratio] = [
      q(item.min, k),
      q(item.max, k),
      q(item.default, k),
      q(item.defaultRequest, k),
      q(item.maxLimitRequestRatio, k),
    ];
    const invalid = (field: string, value: string, message: string) =>
      causes.push({ type: 'FieldValueInvalid', field, message: `Invalid value: "${value}": ${message}` });
    const s = formatAmount;
    if (min && max && min.milli > max.milli)
      invalid(`${at}.min[${k}]`, s(min), `min value ${s(min)} is greater than max value ${s(max)}`);
    if (req && min && min.milli > req.milli)
      invalid(
        `${at}.defaultRequest[${k}]`,
        s(req),
        `min value ${s(min)} is greater than default request value ${s(req)}`,
      );
    if (req && max && req.milli > max.milli)
      invalid(
        `${at}.defaultRequest[${k}]`,
        s(req),
        `default request value ${s(req)} is greater than max value ${s(max)}`,
      );
    if (req && def && req.milli > def.milli)
      invalid(
        `${at}.defaultRequest[${k}]`,
        s(req),
        `default request value ${s(req)} is greater than default limit value ${s(def)}`,
      );
    if (def && min && min.milli > def.milli)
      invalid(`${at}.default[${k}]`, s(def), `min value ${s(min)} is greater than default value ${s(def)}`);
    if (def && max && def.milli > max.milli)
      invalid(`${at}.default[${k}]`, s(def), `default value ${s(def)} is greater than max value ${s(max)}`);
    if (ratio && ratio.milli < 1000)
      invalid(`${at}.maxLimitRequestRatio[${k}]`, s(ratio), `ratio ${s(ratio)} is less than 1`);
    if (ratio && min && max && min.milli > 0) {
      const most = max.milli / min.milli;
      if (ratio.milli / 1000 > most)
        invalid(
          `${at}.maxLimitRequestRatio[${k}]`,
          s(ratio),
          `ratio ${s(ratio)} is greater than max/min = ${most.toFixed(6)}`,
        );
    }
  }
  return causes;
}

export const limitRangeStrategy: KindStrategy = {
  type: limitRangeType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    defaultItems(obj as LimitRange);
  },
  prepareForUpdate(obj) {
    defaultItems(obj as LimitRange);
  },
  validate(obj: KubeObject): StatusCause[] {
    const range = obj as LimitRange;
    const causes: StatusCause[] = [];
    const seen = new Set<string>();
    (range.spec?.limits ?? []).forEach((item, i) => {
      const at = `spec.limits[${i}]`;
      if (seen.has(item.type))
        causes.push({
          type: 'FieldValueDuplicate',
          field: `${at}.type`,
          message: `Duplicate value: "${item.type}"`,
        });
      seen.add(item.type);
      causes.push(...validateItem(item, at));
    });
    return causes;
  },
};

/** SetDefaults_LimitRangeItem: a Container item's max is its default limit; its default limit, else its min, its default request. */
function defaultItems(range: LimitRange): void {
  for (const item of range.spec?.limits ?? []) {
    if (!item || item.type !== 'Container') continue;
    for (const [k, v] of Object.entries(item.max ?? {})) (item.default ??= {})[k] ??= v;
    for (const [k, v] of Object.entries(item.default ?? {})) (item.defaultRequest ??= {})[k] ??= v;
    for (const [k, v] of Object.entries(item.min ?? {})) (item.defaultRequest ??= {})[k] ??= v;
  }
}
