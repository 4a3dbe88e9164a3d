import { useMutation } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../design/Button';
import { toast } from '../design/toast';
import { useDraft } from '../state/use-draft';
import { ApiRequestError } from '../api/api-client';
import { YamlEditor } from '../components/YamlEditor';
import { ComposeImportDialog } from '../compose/ComposeImportDialog';
import { useSkiff } from '../state/skiff-context';
import { lineOfField, ManifestError, parseManifests, pathOf } from '../yaml/manifests';

interface Outcome {
  ok: boolean;
  text: string;
  /** The editor line a problem is at. */
  line?: number;
}

const EXAMPLE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels: {app: hello}
  template:
    metadata:
      labels: {app: hello}
    spec:
      containers:
      - name: web
        image: nginx:alpine
`;

/**
 * Create or apply YAML (several documents at once) as `kubectl apply --server-side` does; a problem is shown
 * at its line, with the field and the server's words.
 */
export function YamlView({ namespace }: { namespace: string }) {
  const { client } = useSkiff();
  const [text, setText] = useDraft('create-from-yaml', EXAMPLE);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [importing, setImporting] = useState(false);
  const apply = useMutation({
    mutationFn: async () => {
      const results: Outcome[] = [];
      let docs;
      try {
        docs = parseManifests(text);
      } catch (err) {
        const line = err instanceof ManifestError ? err.line : 1;
        return [{ ok: false, line, text: `line ${line}: ${(err as Error).message}` }];
      }
      for (const doc of docs) {
        const label = `${doc.object.kind.toLowerCase()}/${doc.object.metadata.name}`;
        try {
          const { path } = pathOf(doc.object, namespace || 'default');
          await client.apply(path, doc.object);
          results.push({ ok: true, text: `${label} applied` });
        } catch (err) {
          const causes = err instanceof ApiRequestError ? (err.status?.details?.causes ?? []) : [];
          if (causes.length === 0)
            results.push({
              ok: false,
              line: doc.line,
              text: `line ${doc.line}: ${label}: ${(err as Error).message}`,
            });
          for (const cause of causes) {
            const line = cause.field ? lineOfField(doc, cause.field) : doc.line;
            results.push({
              ok: false,
              line,
              text: `line ${line}: ${label}: ${cause.field ?? ''} ${cause.message}`,
            });
          }
        }
      }
      return results;
    },
    onSuccess: (results) => {
      setOutcomes(results);
      const applied = results.filter((r) => r.ok).length;
      const failed = results.length - applied;
      toast(
        failed === 0
          ? { message: `Applied ${applied} object${applied === 1 ? '' : 's'}` }
          : {
              message: `${failed} of ${results.length} not applied: see the problems under the editor`,
              tone: 'danger',
            },
      );
    },
  });
  return (
    <section aria-labelledby="yaml-title">
      <h1 id="yaml-title">Create or apply YAML</h1>
      <p className="hint">
        Kubernetes YAML, several documents separated by <code>---</code>. Applied into{' '}
        <strong>{namespace || 'default'}</strong> unless a document names its namespace; what you write here
        applies to a real cluster unchanged.
      </p>
      <YamlEditor
        label="YAML"
        value={text}
        onChange={setText}
        problems={outcomes.flatMap((o) => (o.line === undefined ? [] : [{ line: o.line, message: o.text }]))}
        listProblems={false}
      />
      <div className="actions">
        <Button variant="primary" icon={Upload} onClick={() => apply.mutate()} disabled={apply.isPending}>
          Apply
        </Button>
        <Button variant="ghost" onClick={() => setText(EXAMPLE)} disabled={text === EXAMPLE}>
          Start again from the example
        </Button>
        <Button variant="secondary" onClick={() => setImporting(true)}>
          Import Compose file
        </Button>
      </div>
      {importing && <ComposeImportDialog namespace={namespace} onClose={() => setImporting(false)} />}
      <ul aria-label="Apply results">
        {outcomes.map((o, i) => (
          <li key={i} className={o.ok ? 'ok' : 'pod-status-warn'}>
            {o.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
