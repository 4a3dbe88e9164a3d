import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { ApiError } from '../store/api-error';
import { sendJson } from './http-io';

/** Skiff's own read-only path (behind the token like every API path): the kubeconfig kubectl, k9s and Lens use. */
export const KUBECONFIG_PATH = '/apis/ui.skiff.io/v1/kubeconfig';

export async function sendKubeconfig(res: ServerResponse, path: string | undefined): Promise<void> {
  if (!path)
    throw new ApiError(503, 'ServiceUnavailable', 'the kubeconfig is not written yet: try again in a moment');
  sendJson(res, 200, { path, content: await readFile(path, 'utf8') });
}
