import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Deployment } from '@shared/workload-types';
import { useSkiff } from '../state/skiff-context';
import { ErrorNotice } from './ErrorNotice';

/** A new image for one container: a new revision, rolled out as the Deployment's strategy says (kubectl set image). */
export function SetImage({ deployment, path }: { deployment: Deployment; path: string }) {
  const { client } = useSkiff();
  const containers = deployment.spec.template.spec?.containers ?? [];
  const [container, setContainer] = useState(containers[0]?.name ?? '');
  const current = containers.find((c) => c.name === container)?.image ?? '';
  const [image, setImage] = useState('');
  const update = useMutation({
    mutationFn: (next: string) =>
      client.mergePatch<Deployment>(path, {
        spec: {
          template: {
            spec: { containers: containers.map((c) => (c.name === container ? { ...c, image: next } : c)) },
          },
        },
      }),
    onSuccess: () => setImage(''),
  });
  return (
    <form
      className="scale-control"
      aria-label="Set image"
      onSubmit={(e) => {
        e.preventDefault();
        if (image.trim() && image.trim() !== current) update.mutate(image.trim());
      }}
    >
      {containers.length > 1 && (
        <select aria-label="Image container" value={container} onChange={(e) => setContainer(e.target.value)}>
          {containers.map((c) => (
            <option key={c.name}>{c.name}</option>
          ))}
        </select>
      )}
      <input
        aria-label="New image"
        placeholder={current}
        value={image}
        onChange={(e) => setImage(e.target.value)}
      />
      <button type="submit" disabled={update.isPending || !image.trim()}>
        Set image
      </button>
      <ErrorNotice error={update.error} />
    </form>
  );
}
