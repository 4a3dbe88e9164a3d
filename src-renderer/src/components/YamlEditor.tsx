import { lazy, Suspense } from 'react';
import type { YamlProblem } from '../yaml/edit-object';
import { useSchemaSource } from '../yaml/use-schema-source';

// CodeMirror is the biggest part of the renderer: it loads when an editor first shows, not with the app.
const CodeEditor = lazy(() => import('./CodeEditor'));

interface Props {
  /** The editable region's accessible name. */
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Lines to mark in the gutter, each with its message (listed under the editor). */
  problems?: YamlProblem[];
  /** False where the view lists the problems itself. */
  listProblems?: boolean;
  /** Complete and check fields against the server's Kubernetes schemas (OpenAPI v3). */
  kubernetes?: boolean;
}

/**
 * The YAML editor: CodeMirror 6 with YAML indentation (Enter indents after `key:`, Tab indents; Esc then Tab
 * leaves the editor), Kubernetes field completion with descriptions, and unknown fields and wrong types marked
 * as you type.
 */
export function YamlEditor({
  label,
  value,
  onChange,
  problems = [],
  listProblems = true,
  kubernetes = true,
}: Props) {
  const schemas = useSchemaSource();
  return (
    <div className="yaml-editor-frame">
      <Suspense
        fallback={
          <pre className="code-editor code-editor-loading" aria-busy="true" aria-label={`${label} (loading)`}>
            {value}
          </pre>
        }
      >
        <CodeEditor
          label={label}
          value={value}
          onChange={onChange}
          problems={problems}
          schemas={kubernetes ? schemas : undefined}
        />
      </Suspense>
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
