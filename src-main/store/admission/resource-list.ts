import { formatMilliQuantity, milliValue } from '../../shared/quantity';
import type { ResourceList } from '../../shared/policy-types';

// Resource lists as quota arithmetic needs them: each value in thousandths (Quantity.MilliValue), with whether
// it was written in binary units, so that sums print as Kubernetes prints them ("256Mi", "1500m", "3").

export interface Amount {
  milli: number;
  binary: boolean;
}

export type Amounts = Map<string, Amount>;

const BINARY_SUFFIX = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;

export function amountOf(value: string | number): Amount | undefined {
  const text = String(value).trim();
  const milli = milliValue(text);
  return milli === undefined ? undefined : { milli, binary: BINARY_SUFFIX.test(text) };
}

export function amountsOf(list: ResourceList | undefined): Amounts {
  const result: Amounts = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const amount = amountOf(value);
    if (amount) result.set(name, amount);
  }
  return result;
}

const BINARY_UNITS = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String() of an amount: binary units when it was written so and is whole, else decimal SI. */
export function formatAmount(amount: Amount): string {
  if (amount.binary && amount.milli % 1000 === 0 && amount.milli !== 0) {
    let value = amount.milli / 1000;
    let unit = 0;
    while (unit < BINARY_UNITS.length - 1 && value % 1024 === 0) {
      value /= 1024;
      unit++;
    }
    if (unit > 0 || Math.abs(value) < 1024) return `${value}${BINARY_UNITS[unit]}`;
  }
  return formatMilliQuantity(amount.milli);
}

export function addAmounts(into: Amounts, more: Amounts): Amounts {
  for (const [name, amount] of more) {
    const have = into.get(name);
    into.set(name, have ? { milli: have.milli + amount.milli, binary: have.binary } : { ...amount });
  }
  return into;
}

/** Kubernetes' prettyPrint of a ResourceList: `name=value` sorted by name, joined by commas. */
export function prettyPrint(amounts: Amounts, names: string[]): string {
  return [...names]
    .sort()
    .map((n) => `${n}=${formatAmount(amounts.get(n) ?? { milli: 0, binary: false })}`)
    .join(',');
}

export function toResourceList(amounts: Amounts, names: Iterable<string>): ResourceList {
  const list: ResourceList = {};
  for (const name of [...names].sort())
    list[name] = formatAmount(amounts.get(name) ?? { milli: 0, binary: false });
  return list;
}
