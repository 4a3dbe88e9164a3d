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

/**
 * A pod's log: streamed (follow, or pause — scrolling up pauses too), searchable with next/previous, timestamps
 * and wrapping switchable, a container picker, the previous (crashed) container, and a download. Only the rows
 * in view are in the DOM and at most CAPACITY lines are kept, so a long log stays smooth and memory bounded.
 */
export function LogViewer({ pod }: { pod: Pod }) {
  const { client } = useSkiff();
  const containers = (pod.spec.containers ?? []).map((c) => c.name);
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

  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  useEffect(() => {
    buffer.current = new LogBuffer(CAPACITY);
    setState('streaming');
    setError('');
    redraw();
    const controller = new AbortController();
    const query = new URLSearchParams({ container, timestamps: 'true', tailLines: '10000' });
    if (previous) query.set('previous', 'true');
    else query.set('follow', 'true');
    let pending = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () =>
      client
        .streamLog(
          `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?${query}`,
          (text) => {
            if (buffer.current.length === 0) setState('streaming');
            buffer.current.append(text);
            // many chunks a frame become one render
            if (!pending) {
              pending = true;
              requestAnimationFrame(() => {
                pending = false;
                redraw();
              });
            }
          },
          controller.signal,
        )
        .then(
          () => {
            buffer.current.flush();
            // a followed log that ends before its first line: the container has not started yet
            if (!previous && buffer.current.length === 0 && !controller.signal.aborted) {
              setState('waiting');
              retry = setTimeout(connect, 1000);
              return;
            }
            setState('ended');
            redraw();
          },
          (err: Error) => {
            if (controller.signal.aborted) return;
            if (!previous && buffer.current.length === 0) {
              setState('waiting');
              retry = setTimeout(connect, 1000);
              return;
            }
            setState('error');
            setError(err.message);
          },
        );
    void connect();
    return () => {
      clearTimeout(retry);
      controller.abort();
    };
  }, [client, namespace, name, container, previous]);

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
    link.download = `${name}-${container}${previous ? '-previous' : ''}.log`;
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
      className={`log-line${index === current ? ' current-match' : ''}`}
      style={wrap ? undefined : { position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
    >
      {timestamps && line.timestamp && <span className="log-time">{line.timestamp} </span>}
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
