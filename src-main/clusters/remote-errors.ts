import { ApiError } from '../store/api-error';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
]);

/** A credential that could not be had (401: the plugin's own words) or a context that cannot work (502). */
export function credentialError(code: 401 | 502, message: string): ApiError {
  return new ApiError(code, code === 401 ? 'Unauthorized' : 'BadGateway', message);
}

/**
 * A failure to reach a context's server, as a Status: unreachable (refused, unknown host, timed out, reset)
 * is 503 naming the server and the network's error; anything else on the way (a certificate the server or
 * Skiff refused) is 502 with TLS's own words.
 */
export function connectionError(server: string, err: unknown): ApiError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code && UNREACHABLE.has(code))
    return new ApiError(503, 'ServiceUnavailable', `the cluster at ${server} is unreachable: ${message}`);
  return new ApiError(502, 'BadGateway', `the cluster at ${server} could not be reached: ${message}`);
}

export class ConnectTimeout extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no connection after ${ms / 1000} s (connect timeout)`);
  }
}
