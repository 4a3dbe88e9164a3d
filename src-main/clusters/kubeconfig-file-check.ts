import { isAbsolute } from 'node:path';
import { ApiError } from '../store/api-error';
import { readKubeconfigFile } from './read-kubeconfig-file';
import { messageOf } from './remote-cluster';

function invalidPath(message: string): ApiError {
  return new ApiError(400, 'BadRequest', `path: ${message}`, {
    causes: [{ field: 'path', message, type: 'FieldValueInvalid' }],
  });
}

/** The `path` of a POST body, when it names a readable kubeconfig with at least one context (400 naming `path` otherwise). */
export async function checkedKubeconfigPath(body: unknown): Promise<string> {
  const path = (body as { path?: unknown } | null)?.path;
  if (typeof path !== 'string' || path.length === 0)
    throw invalidPath('Required value: send {"path": "/absolute/path/to/kubeconfig"}');
  if (!isAbsolute(path))
    throw invalidPath(`${JSON.stringify(path)} is not an absolute path: give the full path of the file`);
  let contexts: number;
  try {
    contexts = (await readKubeconfigFile(path)).contexts.length;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalidPath(`${JSON.stringify(path)} does not exist`);
    if (code === 'EACCES') throw invalidPath(`${JSON.stringify(path)} cannot be read (permission denied)`);
    if (code === 'EISDIR') throw invalidPath(`${JSON.stringify(path)} is a directory, not a kubeconfig file`);
    throw invalidPath(`${JSON.stringify(path)} is not a valid kubeconfig: ${messageOf(err)}`);
  }
  if (contexts === 0)
    throw invalidPath(`${JSON.stringify(path)} is not a kubeconfig with contexts: it defines none`);
  return path;
}
