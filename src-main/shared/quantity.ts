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
