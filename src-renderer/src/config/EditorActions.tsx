import type { SaveFailure } from './config-draft';

/** Save and Discard for an editor, and what went wrong with the last save (a conflict offers Reload). */
export function EditorActions({
  what,
  dirty,
  saving,
  failure,
  changedOnServer,
  onSave,
  onDiscard,
  onReload,
}: {
  what: string;
  dirty: boolean;
  saving: boolean;
  failure: SaveFailure | undefined;
  changedOnServer: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onReload: () => void;
}) {
  const conflict = failure?.conflict || (changedOnServer && !failure);
  return (
    <div className="editor-actions">
      {failure && !failure.conflict && Object.keys(failure.byKey).length === 0 && (
        <p role="alert" className="error-notice">
          {failure.message}
        </p>
      )}
      {conflict && (
        <p role="alert" className="warning-box">
          {failure?.conflict
            ? failure.message
            : `${what} changed since you opened it. Reload to see its current values${dirty ? '; saving now would be refused' : ''}.`}{' '}
          <button type="button" onClick={onReload}>
            Reload
          </button>
        </p>
      )}
      <button type="button" onClick={onSave} disabled={!dirty || saving} aria-label={`Save ${what}`}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="link-button" onClick={onDiscard} disabled={!dirty || saving}>
        Discard changes
      </button>
    </div>
  );
}
