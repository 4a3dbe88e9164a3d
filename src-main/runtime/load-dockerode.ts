import type Docker from 'dockerode';
import Module, { createRequire } from 'node:module';

/**
 * dockerode loads, on its own start, what only some engines and builds need: gRPC and a protobuf loader for
 * BuildKit sessions (`dockerode/lib/session`, never opened: Skiff builds with the classic builder) and an SSH
 * client for `ssh://` engines (`docker-modem/lib/ssh`). Together they cost several times what the rest of
 * dockerode does, on the path of every start. Each is stood in for by a function that loads the real module on
 * its first call.
 */
export function loadDockerode(): typeof Docker {
  const load = createRequire(__filename);
  // resolved as dockerode's lib/docker.js and docker-modem's lib/modem.js require them
  const fromDockerode = createRequire(load.resolve('dockerode'));
  const fromModem = createRequire(fromDockerode.resolve('docker-modem'));
  standIn(load, fromDockerode.resolve('./session'));
  standIn(load, fromModem.resolve('./ssh'));
  return load('dockerode') as typeof Docker;
}

/** Puts a stand-in for the module at `path` (one that exports a function) into the module cache. */
function standIn(load: NodeJS.Require, path: string): void {
  if (load.cache[path]) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  let real: ((...args: unknown[]) => unknown) | undefined;
  module.exports = function loadOnFirstCall(this: unknown, ...args: unknown[]): unknown {
    if (!real) {
      delete load.cache[path];
      real = load(path) as (...a: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  load.cache[path] = module;
}
