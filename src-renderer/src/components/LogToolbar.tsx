/** The log viewer's controls: container, follow/pause, timestamps, wrap, previous container, search, download. */
export function LogToolbar(props: {
  containers: string[];
  container: string;
  onContainer: (name: string) => void;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  timestamps: boolean;
  onTimestamps: (on: boolean) => void;
  wrap: boolean;
  onWrap: (on: boolean) => void;
  previous: boolean;
  onPrevious: (on: boolean) => void;
  needle: string;
  onNeedle: (needle: string) => void;
  matchCount: number;
  matchIndex: number;
  onGoTo: (step: number) => void;
  onDownload: () => void;
  onlyMatching: boolean;
  onOnlyMatching: (on: boolean) => void;
  /** The pods of an aggregated log, to show one of them; none: one pod's log. */
  pods: string[];
  pod: string;
  onPod: (name: string) => void;
}) {
  const { containers, follow, previous, needle, matchCount, matchIndex, onGoTo } = props;
  return (
    <div className="log-toolbar">
      {containers.length > 1 && (
        <select
          aria-label="Container"
          value={props.container}
          onChange={(e) => props.onContainer(e.target.value)}
        >
          {containers.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      )}
      {props.pods.length > 1 && (
        <select aria-label="Pod" value={props.pod} onChange={(e) => props.onPod(e.target.value)}>
          <option value="">All {props.pods.length} pods</option>
          {props.pods.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      )}
      <button type="button" aria-pressed={follow} onClick={() => props.onFollow(!follow)} disabled={previous}>
        {follow ? 'Pause' : 'Follow'}
      </button>
      <label>
        <input
          type="checkbox"
          checked={props.timestamps}
          onChange={(e) => props.onTimestamps(e.target.checked)}
        />{' '}
        Timestamps
      </label>
      <label>
        <input type="checkbox" checked={props.wrap} onChange={(e) => props.onWrap(e.target.checked)} /> Wrap
      </label>
      <label>
        <input type="checkbox" checked={previous} onChange={(e) => props.onPrevious(e.target.checked)} />{' '}
        Previous container
      </label>
      <input
        type="search"
        aria-label="Search logs"
        placeholder="Search"
        value={needle}
        onChange={(e) => props.onNeedle(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onGoTo(e.shiftKey ? -1 : 1)}
      />
      <label>
        <input
          type="checkbox"
          checked={props.onlyMatching}
          onChange={(e) => props.onOnlyMatching(e.target.checked)}
        />{' '}
        Only matching lines
      </label>
      <span role="status" aria-label="Matches">
        {needle ? `${matchCount ? Math.min(matchIndex, matchCount - 1) + 1 : 0} of ${matchCount}` : ''}
      </span>
      <button type="button" onClick={() => onGoTo(-1)} disabled={!matchCount}>
        Previous match
      </button>
      <button type="button" onClick={() => onGoTo(1)} disabled={!matchCount}>
        Next match
      </button>
      <button type="button" onClick={props.onDownload}>
        Download
      </button>
    </div>
  );
}
