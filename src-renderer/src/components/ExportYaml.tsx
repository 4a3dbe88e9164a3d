import { useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { exportYaml } from '../yaml/manifests';

/** The object as YAML without what the server owns, to keep or to apply to a real cluster. */
export function ExportYaml({ object }: { object: KubeObject }) {
  const [copied, setCopied] = useState(false);
  const yaml = exportYaml(object);
  return (
    <details className="export-yaml">
      <summary>Export YAML</summary>
      <pre aria-label="Exported YAML">{yaml}</pre>
      <button
        type="button"
        onClick={() => void navigator.clipboard.writeText(yaml).then(() => setCopied(true))}
      >
        Copy YAML
      </button>
      {copied && <span role="status"> Copied.</span>}
    </details>
  );
}
