import type { KubeObject } from '@shared/api-types';

/** What the confirmation dialog says before an object is deleted, and whether an undo follows. */
export interface DeletionNotice {
  /** e.g. "Delete deployment web?" */
  question: string;
  /** What goes with it and what follows, e.g. "Its 3 pods stop." */
  consequence: string;
  /** Whether the object can be created again from its manifest for a few seconds after. */
  undoable: boolean;
  /** Says how undo works here, or why there is none. */
  undoNote: string;
  /** A name the user must type before the delete button works (a namespace's). */
  typeToConfirm?: string;
}

/** What the caller knows about an object's surroundings that the object itself does not say. */
export interface DeletionContext {
  /** Pods that stop with it (a Deployment's) or use it (a claim's, a ConfigMap's, a Secret's). */
  pods?: number;
  /** The PersistentVolume bound to a claim and what happens to it. */
  volume?: { name: string; reclaimPolicy?: string };
}

/** The lower-case word a sentence uses for a kind: "deployment", "configmap", "persistentvolumeclaim". */
export function kindWord(kind: string): string {
  return kind === 'PersistentVolumeClaim' ? 'claim' : kind.toLowerCase();
}

export const UNDO_SECONDS = 10;
const UNDO_NOTE = `You can undo for ${UNDO_SECONDS} seconds: it is created again from its manifest as it was.`;

const podCount = (n: number) => (n === 1 ? '1 pod' : `${n} pods`);

function usedBy(pods: number | undefined, what: string): string {
  if (!pods) return `No pod uses it now.`;
  return `${podCount(pods)} use${pods === 1 ? 's' : ''} it: running containers keep the ${what} they have, but a pod that starts while it is missing fails to.`;
}

export function describeDeletion(object: KubeObject, context: DeletionContext = {}): DeletionNotice {
  const name = object.metadata.name ?? '';
  const question = `Delete ${kindWord(object.kind)} ${name}?`;
  const undoable = { undoable: true, undoNote: UNDO_NOTE };
  switch (object.kind) {
    case 'Deployment': {
      const pods = context.pods ?? 0;
      const consequence =
        pods === 0
          ? 'It has no pods now; its ReplicaSets and rollout history go with it.'
          : `Its ${podCount(pods)} stop${pods === 1 ? 's' : ''}; its ReplicaSets and rollout history go with it.`;
      return {
        question,
        consequence,
        undoable: true,
        undoNote: `${UNDO_NOTE} Its pods then start again, with the rollout history starting over.`,
      };
    }
    case 'Pod': {
      const owner = object.metadata.ownerReferences?.find((r) => r.controller);
      if (owner) {
        return {
          question,
          consequence: `Pod ${name} is owned by ${owner.kind} ${owner.name}: it will be replaced.`,
          undoable: false,
          undoNote: `No undo is needed: ${owner.kind} ${owner.name} starts a new pod in its place. To stop it for good, scale or delete its owner.`,
        };
      }
      return {
        question,
        consequence: 'Its containers stop and its logs go; nothing starts it again.',
        ...undoable,
      };
    }
    case 'Service':
      return {
        question,
        consequence: 'Traffic to its name and ports stops; the pods behind it keep running.',
        undoable: true,
        undoNote: `${UNDO_NOTE} It may get a new cluster IP; its nodePorts are kept if still free.`,
      };
    case 'ConfigMap':
      return { question, consequence: usedBy(context.pods, 'values'), ...undoable };
    case 'Secret':
      return {
        question,
        consequence: usedBy(context.pods, 'values'),
        undoable: true,
        undoNote: `${UNDO_NOTE} Until then its values are kept in this window's memory only.`,
      };
    case 'PersistentVolumeClaim': {
      const volume = context.volume;
      const data = !volume
        ? 'It is bound to no volume.'
        : volume.reclaimPolicy === 'Retain'
          ? `Volume ${volume.name} is kept (reclaim policy Retain) but no claim can bind it again by itself.`
          : `Volume ${volume.name} and the data on it are deleted.`;
      const pods = context.pods
        ? ` ${podCount(context.pods)} using it keep${context.pods === 1 ? 's' : ''} it until ${context.pods === 1 ? 'it stops' : 'they stop'}.`
        : '';
      return {
        question,
        consequence: `${data}${pods}`,
        undoable: false,
        undoNote: 'There is no undo: a new claim gets a new, empty volume.',
      };
    }
    case 'StatefulSet':
      return {
        question,
        consequence:
          'Its pods stop, from the highest ordinal, and its rollout history goes with it. Its claims stay (unless its persistentVolumeClaimRetentionPolicy says whenDeleted: Delete), and a StatefulSet of the same name gets them back.',
        ...undoable,
      };
    case 'DaemonSet':
      return {
        question,
        consequence: 'Its pod on every node stops, and its rollout history goes with it.',
        ...undoable,
      };
    case 'Namespace':
      return {
        question,
        consequence: `Everything in namespace ${name} is deleted with it: Deployments, pods, Services, ConfigMaps, Secrets, and claims with the data on their volumes.`,
        undoable: false,
        undoNote: 'There is no undo. Type the namespace name to confirm.',
        typeToConfirm: name,
      };
    default:
      return { question, consequence: 'It is deleted.', undoable: false, undoNote: 'There is no undo.' };
  }
}
