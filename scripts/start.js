'use strict';
// `npm start`: build when the sources are newer than the build, make sure a Docker engine answers (starting
// one on Debian as root, the way the tests do), then open the Electron app, or, when no Electron runtime is
// installed (its binary cannot always be downloaded), run the same main-process code headless and print the URL.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), info.mtimeMs);
}

function buildIfStale() {
  const built = join(root, 'out', 'main', 'cli.js');
  const sources = ['src-main', 'src-renderer', 'electron.vite.config.ts', 'package.json'].map((p) =>
    join(root, p),
  );
  if (existsSync(built) && newestMtime(built) >= Math.max(...sources.map(newestMtime))) return;
  console.log('skiff: building…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function buildProxy() {
  if (process.platform === 'win32') return;
  const result = spawnSync('bash', [join(root, 'scripts', 'build-proxy.sh')], { stdio: 'inherit' });
  if (result.status !== 0) console.log('skiff: continuing without the Service proxy; Services will say so.');
}

function ensureDocker() {
  if (process.platform === 'win32') return;
  const result = spawnSync('bash', [join(root, 'scripts', 'ensure-docker.sh')], { stdio: 'inherit' });
  if (result.status !== 0)
    console.log('skiff: continuing without a Docker engine; workloads start once one answers.');
}

/** The Electron binary, if it is installed and there is a display to open a window on. */
function electronBinary() {
  if (process.env.SKIFF_HEADLESS === '1') return undefined;
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(pkg, 'dist', relative);
  if (!existsSync(binary)) return undefined;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  return binary;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

buildIfStale();
buildProxy();
ensureDocker();
const electron = electronBinary();
if (electron) {
  run(electron, [root, ...args]);
} else {
  console.log(
    'skiff: no Electron runtime found (or no display); serving the same app headless. Open the UI URL below in a browser.',
  );
  run(process.execPath, [join(root, 'bin', 'skiff.js'), 'serve', ...args]);
}
