import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { useSkiff } from '../state/skiff-context';
import { LogBuffer, type LogLine } from './log-buffer';

const ROW_HEIGHT = 18; // px, one line when not wrapped
const OVERSCAN = 20;
const CAPACITY = 200_000; // lines kept; older ones are dropped (and counted)
const WRAPPED_WINDOW = 2_000; // wrapped lines have no fixed height: only the newest are shown

function Highlighted({ text, needle, current }: { text: string; needle: string; current: boolean }) {
  if (!needle) return <>{text}</>;
  const parts: React.ReactNode[] = [];
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

interface Props {
  /** One pod, or all the pods of a workload (each line then marked by its pod). */
  pods: Pod[];
  /** A workload's revision of a pod: the first line of a newer revision's pods gets a marker before it. */
  revisionOf?: (pod: Pod) => number | undefined;
  /** The downloaded file's name without extension (default: the pod's name and container). */
  downloadName?: string;
}

/**
 * A log: streamed (follow, or pause — scrolling up pauses too), searchable with next/previous, timestamps
 * and wrapping switchable, a container picker, the previous (crashed) container, and a download. Only the rows
 * in view are in the DOM and at most CAPACITY lines are kept, so a long log stays smooth and memory bounded.
 * With several pods (a Deployment's), each pod's stream joins as the pod appears.
 */
export function LogViewer({ pods, revisionOf, downloadName }: Props) {
  const { client } = useSkiff();
  const aggregated = pods.length > 1 || revisionOf !== undefined;
  const containers = (pods[0]?.spec.containers ?? []).map((c) => c.name);
  const [container, setContainer] = useState(containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [needle, setNeedle] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [state, setState] = useState<'streaming' | 'waiting' | 'ended' | 'error'>('streaming');
  const [error, setError] = useState('');
  const [version, redraw] = useReducer((n: number) => n + 1, 0);
  const buffer = useRef(new LogBuffer(CAPACITY));
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const session = useRef<
    | {
        controller: AbortController;
        open: Map<string, boolean>;
        newestRevision: number;
      }
    | undefined
  >(undefined);

  // A new session (container or previous changed): a fresh buffer, every stream closed.
  useEffect(() => {
    buffer.current = new LogBuffer(CAPACITY);
    setState('streaming');
    setError('');
    redraw();
    const current = {
      controller: new AbortController(),
      open: new Map<string, boolean>(),
      newestRevision: 0,
    };
    session.current = current;
    return () => current.controller.abort();
  }, [client, container, previous]);

  // Each pod's stream joins the session once; a pod that has not started yet is tried again each second.
  const podKeys = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(',');
  useEffect(() => {
    const current = session.current;
    if (!current) return;
    let pending = false;
    const scheduleRedraw = () => {
      if (pending) return;
      pending = true;
      // many chunks a frame become one render
      requestAnimationFrame(() => {
        pending = false;
        redraw();
      });
    };
    const settle = () => {
      const states = [...current.open.values()];
      if (states.every((open) => !open)) setState((s) => (s === 'error' ? s : 'ended'));
    };
    for (const pod of pods) {
      const namespace = pod.metadata.namespace ?? 'default';
      const name = pod.metadata.name ?? '';
      if (current.open.has(name)) continue;
      current.open.set(name, true);
      const source = aggregated ? name : undefined;
      const revision = revisionOf?.(pod);
      const query = new URLSearchParams({ container, timestamps: 'true', tailLines: '10000' });
      if (previous) query.set('previous', 'true');
      else query.set('follow', 'true');
      let lines = 0;
      const connect = (): void =>
        void client
          .streamLog(
            `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?${query}`,
            (text) => {
              if (lines === 0) {
                setState('streaming');
                if (revision !== undefined && revision > current.newestRevision) {
                  if (current.newestRevision > 0)
                    buffer.current.appendMarker(
                      `── revision ${revision}: pods of the new revision begin (${name}) ──`,
                    );
                  current.newestRevision = revision;
                }
              }
              lines++;
              buffer.current.append(text, source);
              scheduleRedraw();
            },
            current.controller.signal,
          )
          .then(
            () => {
              buffer.current.flush(source);
              // a followed log that ends before its first line: the container has not started yet
              if (!previous && lines === 0 && !current.controller.signal.aborted) {
                if (!aggregated) setState('waiting');
                setTimeout(connect, 1000);
                return;
              }
              current.open.set(name, false);
              settle();
              scheduleRedraw();
            },
            (err: Error) => {
              if (current.controller.signal.aborted) return;
              if (!previous && lines === 0) {
                if (!aggregated) setState('waiting');
                setTimeout(connect, 1000);
                return;
              }
              current.open.set(name, false);
              if (!aggregated) {
                setState('error');
                setError(err.message);
              } else settle();
            },
          );
      connect();
    }
  }, [client, podKeys, container, previous]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const lines = buffer.current;
  // `version` changes whenever lines arrive (the buffer itself is the same object)
  const matches = useMemo(() => lines.search(needle), [lines, version, needle]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = matches.length ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  // Following keeps the newest line in view. Where it last put the view tells its own scrolls from the user's.
  const autoScrolledTo = useRef(0);
  useEffect(() => {
    const element = scroller.current;
    if (follow && element) {
      element.scrollTop = element.scrollHeight;
      autoScrolledTo.current = element.scrollTop;
    }
  });

  const goTo = (step: number) => {
    if (matches.length === 0) return;
    const next = (matchIndex + step + matches.length) % matches.length;
    setMatchIndex(next);
    setFollow(false);
    const element = scroller.current;
    if (element && !wrap) element.scrollTop = Math.max(0, matches[next]! * ROW_HEIGHT - height / 2);
  };

  const download = () => {
    const blob = new Blob([lines.text(timestamps)], { type: 'text/plain' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${downloadName ?? `${pods[0]?.metadata.name ?? 'pod'}-${container}`}${previous ? '-previous' : ''}.log`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const first = wrap
    ? Math.max(0, lines.length - WRAPPED_WINDOW)
    : Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = wrap
    ? lines.length
    : Math.min(lines.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const row = (line: LogLine, index: number) => (
    <div
      key={line.seq}
      className={`log-line${index === current ? ' current-match' : ''}${line.marker ? ' log-marker' : ''}`}
      style={wrap ? undefined : { position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
    >
      {timestamps && line.timestamp && <span className="log-time">{line.timestamp} </span>}
      {line.source && (
        <span className="log-source" style={{ color: colourOf(line.source) }}>
          [{line.source}]{' '}
        </span>
      )}
      <Highlighted text={line.text} needle={needle} current={index === current} />
    </div>
  );
  return (
    <div className="log-viewer" aria-label="Logs">
      <div className="log-toolbar">
        {containers.length > 1 && (
          <select aria-label="Container" value={container} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
        <button type="button" aria-pressed={follow} onClick={() => setFollow(!follow)} disabled={previous}>
          {follow ? 'Pause' : 'Follow'}
        </button>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />{' '}
          Timestamps
        </label>
        <label>
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} /> Wrap
        </label>
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} />{' '}
          Previous container
        </label>
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search"
          value={needle}
          onChange={(e) => {
            setNeedle(e.target.value);
            setMatchIndex(0);
          }}
          onKeyDown={(e) => e.key === 'Enter' && goTo(e.shiftKey ? -1 : 1)}
        />
        <span role="status" aria-label="Matches">
          {needle
            ? `${matches.length ? Math.min(matchIndex, matches.length - 1) + 1 : 0} of ${matches.length}`
            : ''}
        </span>
        <button type="button" onClick={() => goTo(-1)} disabled={!matches.length}>
          Previous match
        </button>
        <button type="button" onClick={() => goTo(1)} disabled={!matches.length}>
          Next match
        </button>
        <button type="button" onClick={download}>
          Download
        </button>
      </div>
      <p role="status" aria-label="Log state" className="hint">
        {state === 'error'
          ? `The log could not be read: ${error}`
          : state === 'waiting'
            ? 'Waiting for the container to start…'
            : `${lines.length} lines${lines.dropped ? ` (the oldest ${lines.dropped} dropped)` : ''} · ${state === 'ended' ? 'ended' : follow ? 'following' : 'paused'}`}
      </p>
      <div
        ref={scroller}
        className={`log-lines${wrap ? ' wrap' : ''}`}
        role="log"
        aria-label="Log lines"
        onScroll={(e) => {
          const element = e.currentTarget;
          setScrollTop(element.scrollTop);
          // scrolling up pauses; the events of following's own scrolls (which may arrive after more lines have
          // made the log taller) do not
          if (follow && element.scrollTop < autoScrolledTo.current - ROW_HEIGHT) setFollow(false);
        }}
      >
        <div style={wrap ? undefined : { position: 'relative', height: lines.length * ROW_HEIGHT }}>
          {lines.slice(first, last).map((line, i) => row(line, first + i))}
        </div>
      </div>
    </div>
  );
}
