import { memo, useMemo, useRef, type CSSProperties, type UIEvent } from 'react';
import type { YamlProblem } from '../yaml/edit-object';
import { highlightYaml, type YamlToken } from '../yaml/yaml-highlight';

interface Props {
  /** The textarea's accessible name. */
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Lines to mark in the gutter, each with its message (listed under the editor). */
  problems?: YamlProblem[];
  /** False where the view lists the problems itself. */
  listProblems?: boolean;
  minRows?: number;
}

/**
 * A YAML textarea with line numbers and syntax colours: the colours are a <pre> drawn exactly under the
 * textarea, whose own text is transparent (its caret is not), so typing, selection, undo and the accessible
 * name stay the browser's own.
 */
export function YamlEditor({
  label,
  value,
  onChange,
  problems = [],
  listProblems = true,
  minRows = 16,
}: Props) {
  const highlight = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => highlightYaml(value), [value]);
  // keyed by content: callers pass a new array on every render
  const problemKey = JSON.stringify(problems.map((p) => [p.line, p.message]));
  const problemAt = useMemo(() => {
    const byLine = new Map<number, string>();
    for (const [line, message] of JSON.parse(problemKey) as Array<[number, string]>)
      byLine.set(line, [byLine.get(line), message].filter(Boolean).join('; '));
    return byLine;
  }, [problemKey]);
  const followScroll = (e: UIEvent<HTMLTextAreaElement>) => {
    const { scrollTop, scrollLeft } = e.currentTarget;
    if (highlight.current) {
      highlight.current.scrollTop = scrollTop;
      highlight.current.scrollLeft = scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = scrollTop;
  };
  return (
    <div className="yaml-editor-frame">
      <div className="yaml-editor">
        <div className="yaml-gutter" aria-hidden="true" ref={gutter}>
          <LineNumbers count={lines.length} problemAt={problemAt} />
        </div>
        <div className="yaml-code">
          <pre className="yaml-highlight" aria-hidden="true" ref={highlight}>
            {[...problemAt.keys()].map((line) => (
              <span
                key={`mark-${line}`}
                className="yaml-problem-line"
                style={{ '--line-index': line - 1 } as CSSProperties}
              />
            ))}
            {lines.map((tokens, i) => (
              <HighlightedLine key={i} tokens={tokens} />
            ))}
          </pre>
          <textarea
            aria-label={label}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onScroll={followScroll}
            rows={Math.max(minRows, lines.length)}
          />
        </div>
      </div>
      {listProblems && problems.length > 0 && (
        <ul className="yaml-problems" aria-label={`Problems in ${label}`}>
          {[...problems]
            .sort((a, b) => a.line - b.line)
            .map((p, i) => (
              <li key={i}>
                line {p.line}: {p.message}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}

// Typing changes one line: memoised lines and numbers keep a keystroke's render to that line, not the document.
const LineNumbers = memo(function LineNumbers({
  count,
  problemAt,
}: {
  count: number;
  problemAt: Map<number, string>;
}) {
  return Array.from({ length: count }, (_, i) => (
    <div
      key={i}
      className={problemAt.has(i + 1) ? 'yaml-gutter-line yaml-problem-mark' : 'yaml-gutter-line'}
      title={problemAt.get(i + 1)}
    >
      {i + 1}
    </div>
  ));
});

const sameTokens = (a: YamlToken[], b: YamlToken[]) =>
  a.length === b.length && a.every((t, i) => t.type === b[i]!.type && t.text === b[i]!.text);

const HighlightedLine = memo(
  function HighlightedLine({ tokens }: { tokens: YamlToken[] }) {
    return (
      <span className="yaml-line">
        {tokens.map((t, j) =>
          t.type === 'plain' ? (
            t.text
          ) : (
            <span key={j} className={`yaml-${t.type}`}>
              {t.text}
            </span>
          ),
        )}
      </span>
    );
  },
  (before, after) => sameTokens(before.tokens, after.tokens),
);
