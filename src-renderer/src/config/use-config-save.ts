import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { ApiRequestError } from '../api/api-client';
import { useSkiff } from '../state/skiff-context';
import { explainSaveFailure, type SaveFailure } from './config-draft';

/**
 * Saves an edited ConfigMap or Secret with PUT, carrying the resourceVersion it was read at, so a change made
 * elsewhere meanwhile is a 409 the user sees rather than one silently overwritten.
 */
export function useConfigSave<T extends KubeObject>(path: string, what: string, onSaved: (saved: T) => void) {
  const { client } = useSkiff();
  const [failure, setFailure] = useState<SaveFailure | undefined>();
  const save = useMutation({
    mutationFn: (object: T) => client.replace<T>(path, object),
    onMutate: () => setFailure(undefined),
    onSuccess: onSaved,
    onError: (err) =>
      setFailure(
        err instanceof ApiRequestError
          ? explainSaveFailure(err.code, err.status, what)
          : { message: err.message, byKey: {}, conflict: false },
      ),
  });
  return { save, failure, clearFailure: () => setFailure(undefined) };
}
