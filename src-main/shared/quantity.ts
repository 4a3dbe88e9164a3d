// Kubernetes resource quantities: "500m" CPU, "128Mi" memory, "1e3", "2".

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const PATTERN = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The quantity as a plain number (cores for CPU, bytes for memory), or undefined when it is not a quantity. */
export function parseQuantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = PATTERN.exec(value.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[3] !== undefined) return base * 10 ** Number(match[3]);
  const suffix = match[2] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

export function cpuMillis(value: string | number | undefined): number {
  return Math.round((parseQuantity(value) ?? 0) * 1000);
}

export function memoryBytes(value: string | number | undefined): number {
  return Math.round(parseQuantity(value) ?? 0);
}

export function formatMemory(bytes: number): string {
  if (bytes >= 2 ** 30 && bytes % 2 ** 20 === 0) return `${+(bytes / 2 ** 30).toFixed(1)}Gi`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)}Mi`;
  return `${Math.round(bytes / 1024)}Ki`;
}

export function formatCpu(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

/** Quantity.MilliValue(): rounded up, as Kubernetes does. */
export function milliValue(quantity: string): number | undefined {
  const value = parseQuantity(quantity);
  if (value === undefined) return undefined;
  const scaled = value * 1000;
  const nearest = Math.round(scaled);
  return Math.abs(scaled - nearest) < 1e-6 ? nearest : Math.ceil(scaled);
}

const DECIMAL_SUFFIXES: Record<number, string> = {
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};

/** resource.NewMilliQuantity(milli, DecimalSI).String(): "250m", "1", "1500m", "12582912", "5M". */
export function formatMilliQuantity(milli: number): string {
  if (milli === 0) return '0';
  let mantissa = Math.abs(Math.trunc(milli));
  let exponent = -3;
  while (mantissa % 10 === 0) {
    mantissa /= 10;
    exponent++;
  }
  // The exponent must be a multiple of 3 to take a suffix.
  const over = ((exponent % 3) + 3) % 3;
  if (over !== 0) {
    mantissa *= over === 1 ? 10 : 100;
    exponent -= over;
  }
  const suffix = DECIMAL_SUFFIXES[exponent] ?? `e${exponent}`;
  return `${milli < 0 ? '-' : ''}${mantissa}${suffix}`;
}
