import { join } from 'node:path';
import { app, BrowserWindow, safeStorage } from 'electron';
import { parseServeArgs } from '../app/serve-args';
import { startSkiff, type SkiffApp } from '../app/skiff-app';
import { openWindow, registerIpc } from './desktop-shell';

let skiff: SkiffApp | undefined;
const preloadPath = join(__dirname, '../preload/index.js');

/** `--port N` and `--data-dir DIR` work here as for `skiff serve`; Electron's own switches are ignored. */
function appArgs(): { port: number; dataDir: string } {
  const own = process.argv
    .slice(app.isPackaged ? 1 : 2)
    .filter(
      (a, i, all) =>
        a.startsWith('--port') ||
        a.startsWith('--data-dir') ||
        all[i - 1] === '--port' ||
        all[i - 1] === '--data-dir',
    );
  const parsed = parseServeArgs(own);
  return {
    port: parsed.port,
    dataDir: own.some((a) => a.startsWith('--data-dir')) ? parsed.dataDir : app.getPath('userData'),
  };
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const { port, dataDir } = appArgs();
  skiff = await startSkiff({
    dataDir,
    host: '127.0.0.1',
    port,
    rendererDir: join(__dirname, '../renderer'),
    proxyDir: join(__dirname, '../proxy'),
    keyProtector: safeStorage,
  });
  registerIpc(skiff);
  await openWindow(skiff, preloadPath);
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && skiff) void openWindow(skiff, preloadPath);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!skiff) return;
  event.preventDefault();
  const current = skiff;
  skiff = undefined;
  void current.stop().finally(() => app.quit());
});

main().catch((err: Error) => {
  console.error(`skiff: ${err.message}`);
  app.exit(1);
});
