interface Props {
  label: string;
  points: Array<{ at: number; value: number }>;
  format: (value: number) => string;
  /** A dashed line for what was requested (the HPA's 100%), when known. */
  reference?: { value: number; label: string };
  width?: number;
  height?: number;
}

/** A small line chart of the last minutes: SVG, no chart library, redrawn only when its points change. */
export function UsageChart({ label, points, format, reference, width = 320, height = 72 }: Props) {
  const latest = points.at(-1)?.value;
  if (points.length < 2)
    return (
      <figure className="usage-chart" aria-label={label}>
        <figcaption>
          {label}: {latest === undefined ? 'waiting for the first samples…' : format(latest)}
        </figcaption>
      </figure>
    );
  const first = points[0]!.at;
  const span = Math.max(1, points.at(-1)!.at - first);
  const top = Math.max(...points.map((p) => p.value), reference?.value ?? 0) * 1.1 || 1;
  const x = (at: number) => ((at - first) / span) * width;
  const y = (value: number) => height - (value / top) * height;
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join('');
  return (
    <figure className="usage-chart" aria-label={label}>
      <figcaption>
        {label}: <strong>{format(latest!)}</strong>
        {reference && (
          <span className="hint">
            {' '}
            ({reference.label} {format(reference.value)})
          </span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img">
        <title>{`${label}, last ${Math.round(span / 60_000) || '<1'} min, now ${format(latest!)}`}</title>
        {reference && (
          <line
            x1={0}
            x2={width}
            y1={y(reference.value)}
            y2={y(reference.value)}
            className="usage-reference"
          />
        )}
        <path d={`${line}L${width},${height}L0,${height}Z`} className="usage-area" />
        <path d={line} className="usage-line" />
      </svg>
    </figure>
  );
}
