import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SkiffProcess } from './skiff-process';

/** The real kubectl 1.32 (the machine's /usr/bin/kubectl dispatcher picks a version from the server's minor). */
export const KUBECTL = process.env.SKIFF_KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

const run = promisify(execFile);

/** Runs kubectl against a test server, with a discovery cache of its own (ports are reused between servers). */
export function kubectl(
  skiff: SkiffProcess,
  args: string[],
  namespace?: string,
): Promise<{ stdout: string; stderr: string }> {
  const base = ['--kubeconfig', skiff.kubeconfig, '--cache-dir', join(skiff.dataDir, 'kubectl-cache')];
  return run(KUBECTL, [...base, ...(namespace ? ['-n', namespace] : []), ...args], { timeout: 90_000 });
}
