import { pushCommands } from './local-images';

interface Props {
  images: string[];
  registry: string;
  onRegistry: (registry: string) => void;
  usePushed: boolean;
  onUsePushed: (use: boolean) => void;
}

/** Images only the local engine has: the target cannot pull them. Shown before anything is applied, with the fix. */
export function LocalImagesWarning({ images, registry, onRegistry, usePushed, onUsePushed }: Props) {
  if (images.length === 0) return null;
  return (
    <section role="alert" aria-label="Local-only images" className="error-notice">
      <h3>
        {images.length === 1 ? 'One image exists' : `${images.length} images exist`} only in the local engine
      </h3>
      <p>
        The target cluster cannot pull {images.join(', ')}. Push {images.length === 1 ? 'it' : 'them'} to a
        registry the cluster can pull from:
      </p>
      <label>
        Registry <input aria-label="Registry" value={registry} onChange={(e) => onRegistry(e.target.value)} />
      </label>
      <pre aria-label="Push commands">
        {images.flatMap((image) => pushCommands(image, registry)).join('\n')}
      </pre>
      <label>
        <input type="checkbox" checked={usePushed} onChange={(e) => onUsePushed(e.target.checked)} /> Use the
        pushed names in the promoted manifests
      </label>
    </section>
  );
}
