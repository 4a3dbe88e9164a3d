import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { KubeObject } from '@shared/api-types';
import { objectPath, type ResourceType } from '@shared/resource-types';
import { ApiRequestError } from '../api/api-client';
import { useSkiff } from '../state/skiff-context';
import {
  editableYaml,
  forReplace,
  identityProblem,
  problemsAtFields,
  type YamlProblem,
} from '../yaml/edit-object';
import { lineOfField, ManifestError, parseManifests } from '../yaml/manifests';
import { Button } from '../design/Button';
import { toast } from '../design/toast';
import { DiscardPrompt } from './DiscardPrompt';
import { YamlEditor } from './YamlEditor';

/** "Edit YAML" for one object: a button that opens the object, fresh from the server, in a YAML editor. */
export function EditYaml({ object, type }: { object: KubeObject; type: ResourceType }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const title = `${type.kind} ${object.metadata.name ?? ''}`;
  return (
    <>
      <button
        type="button"
        className="link-button"
        aria-label={`Edit YAML of ${title}`}
        ref={button}
        onClick={() => setOpen(true)}
      >
        Edit YAML
      </button>
      {open &&
        createPortal(
          <EditYamlDialog
            title={title}
            type={type}
            path={objectPath(type, object.metadata.name ?? '', object.metadata.namespace)}
            onClose={close}
          />,
          document.body,
        )}
    </>
  );
}

function EditYamlDialog({
  title,
  type,
  path,
  onClose,
}: {
  title: string;
  type: ResourceType;
  path: string;
  onClose: () => void;
}) {
  const { client } = useSkiff();
  const [original, setOriginal] = useState<KubeObject>();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<YamlProblem[]>([]);
  const [notice, setNotice] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [loadedText, setLoadedText] = useState('');
  const [askDiscard, setAskDiscard] = useState(false);
  const edited = original !== undefined && text !== loadedText;
  /** Closing with edits asks first: nothing typed is thrown away silently. */
  const requestClose = () => (edited ? setAskDiscard(true) : onClose());
  // a first Esc inside the editor lets Tab leave it (CodeMirror's rule); a second one asks to close
  const escapesInEditor = useRef(0);
  const completionOpen = useRef(false);
  // Answers that arrive after the dialog closed, or after a newer load began, are dropped.
  const [loads] = useState(() => ({ generation: 0 }));
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);

  const load = () => {
    const mine = ++loads.generation;
    setNotice(undefined);
    client.get(path).then(
      (live) => {
        if (mine !== loads.generation) return;
        setOriginal(live);
        const yaml = editableYaml(live);
        setText(yaml);
        setLoadedText(yaml);
        setProblems([]);
        setConflict(false);
      },
      (err: unknown) => {
        if (mine === loads.generation) setNotice(`Could not load ${title}: ${(err as Error).message}`);
      },
    );
  };
  useEffect(() => {
    load();
    return () => void loads.generation++;
  }, [path]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    if (!original) return;
    setProblems([]);
    setNotice(undefined);
    setConflict(false);
    let docs;
    try {
      docs = parseManifests(text);
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      setProblems([{ line: err.line, message: err.message }]);
      return;
    }
    if (docs.length !== 1) {
      setNotice(
        `Edit YAML saves exactly one object and this text has ${docs.length} documents: keep only ${title}` +
          ' (use Create from YAML for several).',
      );
      return;
    }
    const doc = docs[0]!;
    const identity = identityProblem(original, doc.object);
    if (identity) {
      setProblems([{ line: lineOfField(doc, identity.field), message: identity.message }]);
      return;
    }
    const mine = loads.generation;
    setSaving(true);
    try {
      await client.replace(path, forReplace(original, doc.object));
      if (mine === loads.generation) {
        toast({ message: `Saved ${title}` });
        onClose();
      }
    } catch (err) {
      if (mine !== loads.generation) return;
      if (err instanceof ApiRequestError && err.code === 409) setConflict(true);
      // 422: a rule broken; 400 with causes: a value of the wrong type (it did not decode). Both name fields.
      else if (
        err instanceof ApiRequestError &&
        (err.code === 422 || (err.code === 400 && (err.status?.details?.causes ?? []).length > 0))
      )
        setProblems(problemsAtFields(doc, err.status?.details?.causes ?? [], err.message));
      else setNotice((err as Error).message);
    } finally {
      if (mine === loads.generation) setSaving(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-label={`Edit YAML of ${title}`}
        className="modal edit-yaml"
        ref={dialog}
        tabIndex={-1}
        onKeyDownCapture={() => {
          // seen before the editor acts: this Esc closes its completion list, nothing more
          completionOpen.current = dialog.current?.querySelector('.cm-tooltip-autocomplete') != null;
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') {
            escapesInEditor.current = 0;
            return;
          }
          if (completionOpen.current) return;
          if ((e.target as Element).closest('.cm-editor') && ++escapesInEditor.current < 2) return;
          escapesInEditor.current = 0;
          if (askDiscard) setAskDiscard(false);
          else requestClose();
        }}
      >
        <h2>Edit YAML of {title}</h2>
        <p className="hint">
          Saving replaces the object as it is written here. Status and managed fields are left out: the server
          keeps them. {type.kind === 'Secret' && 'Values under data are base64; stringData takes plain text.'}
        </p>
        {original ? (
          <YamlEditor label={`YAML of ${title}`} value={text} onChange={setText} problems={problems} />
        ) : (
          !notice && <p>Loading…</p>
        )}
        {conflict && (
          <div role="alert" className="error-notice">
            {title} has changed since this editor opened it, so saving would undo that change. Reload to edit
            the current version (your edits here are replaced).{' '}
            <button type="button" onClick={load}>
              Reload
            </button>
          </div>
        )}
        {notice && (
          <p role="alert" className="error-notice">
            {notice}
          </p>
        )}
        <div className="actions modal-footer">
          {askDiscard ? (
            <DiscardPrompt what={title} onDiscard={onClose} onKeep={() => setAskDiscard(false)} />
          ) : (
            <>
              <Button variant="primary" onClick={() => void save()} disabled={!original || saving}>
                {saving ? 'Saving…' : 'Save'}
              </Button>
              <Button variant="ghost" onClick={requestClose}>
                Cancel
              </Button>
              {edited && <span className="muted">Edited, not saved</span>}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
