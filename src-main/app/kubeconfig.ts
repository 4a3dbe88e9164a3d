import { writeFileDurably } from '../store/durable-file';
import { join } from 'node:path';
import { dump } from 'js-yaml';

/** The kubeconfig for kubectl and @kubernetes/client-node, written atomically with mode 0600. */
export function kubeconfigYaml(server: string, caCert: string, token: string): string {
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'skiff',
        cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') },
      },
    ],
    users: [{ name: 'skiff', user: { token } }],
    contexts: [{ name: 'skiff', context: { cluster: 'skiff', user: 'skiff', namespace: 'default' } }],
    'current-context': 'skiff',
    preferences: {},
  });
}

export async function writeKubeconfig(
  dataDir: string,
  server: string,
  caCert: string,
  token: string,
): Promise<string> {
  const path = join(dataDir, 'kubeconfig');
  await writeFileDurably(path, kubeconfigYaml(server, caCert, token), { mode: 0o600 });
  return path;
}
