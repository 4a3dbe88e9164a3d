import type Docker from 'dockerode';
import Module, { createRequire } from 'node:module';

/**
 * dockerode requires gRPC and a protobuf loader at load time for BuildKit sessions (`lib/session.js`), which
 * Skiff never opens (its builds use the classic builder). They cost more than dockerode itself, on the path
 * of every start. So the session module is stood in for by one that loads the real one on first use.
 */
export function loadDockerode(): typeof Docker {
  const load = createRequire(__filename);
  const sessionPath = load.resolve('dockerode/lib/session');
  if (!load.cache[sessionPath]) {
    const standIn = new Module(sessionPath);
    standIn.filename = sessionPath;
    standIn.loaded = true;
    let real: ((...a: unknown[]) => unknown) | undefined;
    standIn.exports = function withSession(this: unknown, ...args: unknown[]): unknown {
      if (!real) {
        delete load.cache[sessionPath];
        real = load(sessionPath) as (...a: unknown[]) => unknown;
      }
      return real.apply(this, args);
    };
    load.cache[sessionPath] = standIn;
  }
  return load('dockerode') as typeof Docker;
}
