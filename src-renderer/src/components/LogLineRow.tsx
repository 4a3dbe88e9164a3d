import type { ReactNode } from 'react';
import type { LogLine } from './log-buffer';

function Highlighted({ text, needle, current }: { text: string; needle: string; current: boolean }) {
  if (!needle) return <>{text}</>;
  const parts: ReactNode[] = [];
  const lower = text.toLowerCase();
  const wanted = needle.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(wanted); i >= 0; i = lower.indexOf(wanted, i + wanted.length)) {
    parts.push(
      text.slice(at, i),
      <mark key={i} className={current ? 'current' : undefined}>
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A steady colour per pod, so the lines of one pod are easy to follow in an aggregated log. */
function colourOf(source: string): string {
  let hash = 0;
  for (const ch of source) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 70%)`;
}

/** One line of a log: placed absolutely at `top` when the log is virtualized, in the flow when wrapped. */
export function LogLineRow({
  line,
  top,
  height,
  timestamps,
  needle,
  current,
}: {
  line: LogLine;
  top: number | undefined;
  height: number;
  timestamps: boolean;
  needle: string;
  current: boolean;
}) {
  return (
    <div
      className={`log-line${current ? ' current-match' : ''}${line.marker ? ' log-marker' : ''}`}
      style={top === undefined ? undefined : { position: 'absolute', top, height }}
    >
      {timestamps && line.timestamp && <span className="log-time">{line.timestamp} </span>}
      {line.source && (
        <span className="log-source" style={{ color: colourOf(line.source) }}>
          [{line.source}]{' '}
        </span>
      )}
      <Highlighted text={line.text} needle={needle} current={current} />
    </div>
  );
}
