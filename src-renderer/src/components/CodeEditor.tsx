import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, indentUnit, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import {
  EditorState,
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Extension,
  type RangeValue,
} from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  GutterMarker,
  gutterLineClass,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  MatchDecorator,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
  type Command,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { YamlProblem } from '../yaml/edit-object';
import { kubeCompletion } from '../yaml/kube-completion';
import { lintAgainstSchemas } from '../yaml/schema-lint';
import type { SchemaSource } from '../yaml/schema-source';
import { indentAfter } from '../yaml/yaml-context';

export interface CodeEditorProps {
  /** The editable region's accessible name. */
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Lines the server refused, marked in the gutter and on the line. */
  problems: YamlProblem[];
  /** Kubernetes schemas for completion and checking as you type; none: YAML syntax only. */
  schemas?: SchemaSource;
}

// The same class names the old textarea editor drew, so the colours (and tests reading them) carry over.
const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), class: 'yaml-key' },
  { tag: [tags.content, tags.string, tags.special(tags.string)], class: 'yaml-string' },
  { tag: tags.lineComment, class: 'yaml-comment' },
  { tag: [tags.separator, tags.punctuation], class: 'yaml-separator' },
  { tag: [tags.labelName, tags.typeName], class: 'yaml-anchor' },
  { tag: tags.meta, class: 'yaml-punctuation' },
]);

/** Enter keeps the indentation, and goes one level deeper after `key:` or into an item after `- `. */
const newlineAndIndent: Command = (view) => {
  const { state } = view;
  const range = state.selection.main;
  const line = state.doc.lineAt(range.from);
  const indent = ' '.repeat(indentAfter(line.text.slice(0, range.from - line.from)));
  view.dispatch(
    state.update(state.replaceSelection(`\n${indent}`), { scrollIntoView: true, userEvent: 'input' }),
  );
  return true;
};

// The YAML grammar tags every plain scalar alike; numbers and booleans get their own colour here.
const scalarMark = new MatchDecorator({
  regexp: /(?:^|[:\-[,{]\s*|:\s+)(-?\d+(?:\.\d+)?|true|false|null)(?=\s*(?:#.*)?(?:[,\]}]|$))/g,
  decorate: (add, from, to, match) => {
    const start = to - match[1]!.length;
    add(start, to, /^[-\d]/.test(match[1]!) ? numberMark : booleanMark);
  },
});
const numberMark = Decoration.mark({ class: 'yaml-number' });
const booleanMark = Decoration.mark({ class: 'yaml-boolean' });
const scalarColours = ViewPlugin.fromClass(
  class {
    marks: DecorationSet;
    constructor(view: EditorView) {
      this.marks = scalarMark.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.marks = scalarMark.updateDeco(update, this.marks);
    }
  },
  { decorations: (plugin) => plugin.marks },
);

const setProblems = StateEffect.define<YamlProblem[]>();
const problemMarker = new (class extends GutterMarker {
  override elementClass = 'yaml-problem-mark';
})();
const problemLine = Decoration.line({ class: 'yaml-problem-line' });

/** The server's problems, by line: marked in the gutter and on the line until the text changes again. */
const problemsField = StateField.define<YamlProblem[]>({
  create: () => [],
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setProblems)) return effect.value;
    return value;
  },
  provide: (field) => [
    gutterLineClass.compute([field, 'doc'], (state) => markAt(state, field, () => problemMarker)),
    EditorView.decorations.compute([field, 'doc'], (state) => markAt(state, field, () => problemLine)),
  ],
});

function markAt<T extends RangeValue>(state: EditorState, field: StateField<YamlProblem[]>, make: () => T) {
  const builder = new RangeSetBuilder<T>();
  const lines = [...new Set(state.field(field).map((p) => p.line))].sort((a, b) => a - b);
  for (const n of lines) {
    if (n < 1 || n > state.doc.lines) continue;
    const from = state.doc.line(n).from;
    builder.add(from, from, make());
  }
  return builder.finish();
}

function schemaLinter(schemas: SchemaSource): Extension {
  return linter(
    async (view): Promise<Diagnostic[]> => {
      const text = view.state.doc.toString();
      for (const m of text.matchAll(/^apiVersion:\s*["']?([^\s"'#]+)/gm)) await schemas.load(m[1]!);
      return lintAgainstSchemas(syntaxTree(view.state), text, schemas.lookup).map((p) => ({
        from: p.from,
        to: Math.max(p.to, p.from + 1),
        severity: 'error',
        message: p.message,
      }));
    },
    { delay: 300 },
  );
}

/** CodeMirror 6 with YAML, Kubernetes completion and checking: the editor chunk, loaded when first shown. */
export default function CodeEditor({ label, value, onChange, problems, schemas }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latestChange = useRef(onChange);
  latestChange.current = onChange;

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      drawSelection(),
      highlightSelectionMatches(),
      EditorState.tabSize.of(2),
      indentUnit.of('  '),
      yaml(),
      syntaxHighlighting(highlight),
      scalarColours,
      problemsField,
      keymap.of([
        ...completionKeymap,
        { key: 'Enter', run: newlineAndIndent },
        indentWithTab,
        ...defaultKeymap,
        ...historyKeymap,
        ...searchKeymap,
      ]),
      EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false', autocapitalize: 'off' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) latestChange.current(update.state.doc.toString());
      }),
    ];
    if (schemas)
      extensions.push(autocompletion({ override: [kubeCompletion(schemas)] }), schemaLinter(schemas));
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({ doc: value, extensions }),
    });
    // the text for automation and tests, which cannot reach CodeMirror's state otherwise
    Object.defineProperty(created.contentDOM, 'skiffText', { get: () => created.state.doc.toString() });
    view.current = created;
    return () => created.destroy();
  }, [label, schemas]); // eslint-disable-line react-hooks/exhaustive-deps

  // a new text from outside (a load, a reload) replaces the document; the editor's own changes come back equal
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value)
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  const problemKey = JSON.stringify(problems.map((p) => [p.line, p.message]));
  useEffect(() => {
    view.current?.dispatch({
      effects: setProblems.of(
        JSON.parse(problemKey).map(([line, message]: [number, string]) => ({ line, message })),
      ),
    });
  }, [problemKey]);

  return <div className="code-editor" ref={host} />;
}
