import { useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { objectPath, type ResourceType } from '@shared/resource-types';
import { useSkiff } from '../state/skiff-context';
import { ConfirmDialog } from './ConfirmDialog';
import { describeDeletion, kindWord, type DeletionContext } from './deletion-notice';
import { restoreDeleted } from './restore-deleted';
import { useOfferUndo } from './UndoToast';

/**
 * Every view's Delete: asks first (ConfirmDialog), deletes, and where Kubernetes allows it offers an undo that
 * creates the object again from the copy taken when the user confirmed.
 */
export function DeleteButton({
  object,
  type,
  context,
}: {
  object: KubeObject;
  type: ResourceType;
  context?: DeletionContext;
}) {
  const { client } = useSkiff();
  const offerUndo = useOfferUndo();
  const [asking, setAsking] = useState(false);
  const name = object.metadata.name ?? '';
  const what = `${kindWord(object.kind)} ${name}`;
  if (object.metadata.deletionTimestamp) return null;
  const notice = describeDeletion(object, context);
  const remove = async () => {
    const copy = structuredClone(object);
    await client.delete(objectPath(type, name, object.metadata.namespace));
    if (notice.undoable) offerUndo({ what, restore: (signal) => restoreDeleted(client, type, copy, signal) });
  };
  return (
    <>
      <button
        type="button"
        className="link-button"
        aria-label={`Delete ${what}`}
        onClick={() => setAsking(true)}
      >
        Delete
      </button>
      {asking && (
        <ConfirmDialog
          notice={notice}
          actionLabel={`Confirm deleting ${what}`}
          onConfirm={remove}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
