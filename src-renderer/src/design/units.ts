// Human units for what Kubernetes counts in bytes and millicores: "96 MiB", "250m CPU", "1.5 CPU", never "0Ki".

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units, at most one decimal and only below 10: "0 B", "512 KiB", "96 MiB", "1.5 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < BINARY.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 && unit > 0 ? +value.toFixed(1) : Math.round(value);
  // rounding up to 1024 reads as the next unit
  if (shown === 1024 && unit < BINARY.length - 1) return `1 ${BINARY[unit + 1]}`;
  return `${shown} ${BINARY[unit]}`;
}

/** CPU from millicores: "0 CPU", "250m CPU", "1 CPU", "1.5 CPU". */
export function formatCpuHuman(millis: number): string {
  if (!Number.isFinite(millis) || millis <= 0) return '0 CPU';
  if (millis < 1000) return `${Math.round(millis)}m CPU`;
  return `${+(millis / 1000).toFixed(2)} CPU`;
}
