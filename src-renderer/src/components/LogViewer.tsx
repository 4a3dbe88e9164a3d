import { useEffect, useMemo, useRef, useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { filteredView, type LogView } from './log-filter';
import { LogLineRow } from './LogLineRow';
import { LogToolbar } from './LogToolbar';
import { useLogStream } from './use-log-stream';
import { useVirtualRows } from './use-virtual-rows';

const ROW_HEIGHT = 18; // px, one line when not wrapped
const OVERSCAN = 20;
const WRAPPED_WINDOW = 2_000; // wrapped lines have no fixed height: only the newest are shown

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
 * in view are in the DOM (the tables' virtualizer) and the stream hook keeps a bounded buffer, so a long log
 * stays smooth and memory bounded. With several pods (a Deployment's), each pod's stream joins as it appears.
 */
export function LogViewer({ pods, revisionOf, downloadName }: Props) {
  const aggregated = pods.length > 1 || revisionOf !== undefined;
  const containers = (pods[0]?.spec.containers ?? []).map((c) => c.name);
  const [container, setContainer] = useState(containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [needle, setNeedle] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [pod, setPod] = useState('');
  const { lines, version, state, error } = useLogStream({
    pods,
    container,
    previous,
    aggregated,
    revisionOf,
  });
  // filtered: by pod, and to the matching lines; unfiltered: the buffer itself (no copy of a long log)
  const filtering = (aggregated && pod !== '') || (onlyMatching && needle !== '');
  const view: LogView = useMemo(
    () => (filtering ? filteredView(lines, { pod, needle: onlyMatching ? needle : '' }) : lines),
    [lines, version, filtering, pod, needle, onlyMatching], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const scroller = useRef<HTMLDivElement>(null);
  const { shown, measure } = useVirtualRows({
    box: scroller,
    rowHeight: ROW_HEIGHT,
    count: view.length,
    overscan: OVERSCAN,
    enabled: !wrap,
  });

  // `version` changes whenever lines arrive (the buffer itself is the same object)
  const matches = useMemo(() => view.search(needle), [view, version, needle]); // eslint-disable-line react-hooks/exhaustive-deps
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
    if (element && !wrap) element.scrollTop = Math.max(0, matches[next]! * ROW_HEIGHT - measure().height / 2);
  };

  const download = () => {
    const blob = new Blob([lines.text(timestamps)], { type: 'text/plain' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${downloadName ?? `${pods[0]?.metadata.name ?? 'pod'}-${container}`}${previous ? '-previous' : ''}.log`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const first = wrap ? Math.max(0, view.length - WRAPPED_WINDOW) : shown.start;
  const last = wrap ? view.length : shown.end;
  const podNames = pods.map((p) => p.metadata.name ?? '');
  return (
    <div className="log-viewer" aria-label="Logs">
      <LogToolbar
        containers={containers}
        container={container}
        onContainer={setContainer}
        follow={follow}
        onFollow={setFollow}
        timestamps={timestamps}
        onTimestamps={setTimestamps}
        wrap={wrap}
        onWrap={setWrap}
        previous={previous}
        onPrevious={setPrevious}
        needle={needle}
        onNeedle={(value) => {
          setNeedle(value);
          setMatchIndex(0);
        }}
        matchCount={matches.length}
        matchIndex={matchIndex}
        onGoTo={goTo}
        onDownload={download}
        onlyMatching={onlyMatching}
        onOnlyMatching={setOnlyMatching}
        pods={aggregated ? podNames : []}
        pod={pod}
        onPod={setPod}
      />
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
          // scrolling up pauses; the events of following's own scrolls (which may arrive after more lines have
          // made the log taller) do not
          if (follow && e.currentTarget.scrollTop < autoScrolledTo.current - ROW_HEIGHT) setFollow(false);
        }}
      >
        <div style={wrap ? undefined : { position: 'relative', height: view.length * ROW_HEIGHT }}>
          {view.slice(first, last).map((line, i) => (
            <LogLineRow
              key={line.seq}
              line={line}
              top={wrap ? undefined : (first + i) * ROW_HEIGHT}
              height={ROW_HEIGHT}
              timestamps={timestamps}
              needle={needle}
              current={first + i === current}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
