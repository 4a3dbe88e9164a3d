import { BrowserWindow, ipcMain, shell } from 'electron';
import type { Disposable } from '../shared/disposable';
import { IPC, type DesktopConnection } from './ipc-channels';
import { isAppUrl, isExternalWebUrl, lockNavigation, secureWindowOptions } from './window-security';

export interface ShellTarget {
  uiOrigin: string;
  token: string;
}

/** The two desktop-only calls. Each checks that it comes from the Skiff UI's own origin. */
export function registerIpc(target: ShellTarget): Disposable {
  const fromApp = (frameUrl: string | undefined) => {
    if (!isAppUrl(frameUrl ?? '', target.uiOrigin))
      throw new Error('refused: the caller is not the Skiff UI');
  };
  ipcMain.handle(IPC.connection, (event): DesktopConnection => {
    fromApp(event.senderFrame?.url);
    return { apiBase: target.uiOrigin, token: target.token };
  });
  ipcMain.handle(IPC.openExternal, async (event, url: unknown) => {
    fromApp(event.senderFrame?.url);
    if (typeof url !== 'string' || !isExternalWebUrl(url))
      throw new Error('refused: only http(s) URLs can be opened');
    await shell.openExternal(url);
  });
  return {
    dispose: () => {
      ipcMain.removeHandler(IPC.connection);
      ipcMain.removeHandler(IPC.openExternal);
    },
  };
}

export async function openWindow(target: ShellTarget, preloadPath: string): Promise<BrowserWindow> {
  const window = new BrowserWindow(secureWindowOptions(preloadPath));
  lockNavigation(window.webContents, target.uiOrigin, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${target.uiOrigin}/`);
  return window;
}
