import { beforeEach, describe, expect, it, vi } from 'vitest';

// Requiring the real `electron` under plain Node tries to download its binary: the shell is tested against
// a stand-in for the Electron objects it uses.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const windows: Array<{ options: unknown; loaded?: string; contents: { handlers: Map<string, unknown> } }> =
    [];
  class BrowserWindow {
    webContents = {
      handlers: new Map<string, unknown>(),
      on(name: string, fn: unknown) {
        this.handlers.set(name, fn);
      },
      setWindowOpenHandler(fn: unknown) {
        this.handlers.set('open', fn);
      },
    };
    record: { options: unknown; loaded?: string; contents: BrowserWindow['webContents'] };
    constructor(options: unknown) {
      this.record = { options, contents: this.webContents };
      windows.push(this.record);
    }
    once() {}
    show() {}
    async loadURL(url: string) {
      this.record.loaded = url;
    }
  }
  return {
    handlers,
    windows,
    openExternal: vi.fn(async (_url: string) => {}),
    module: {
      BrowserWindow,
      ipcMain: {
        handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
          handlers.set(channel, fn),
        removeHandler: (c: string) => handlers.delete(c),
      },
      shell: { openExternal: (url: string) => electron.openExternal(url) },
    },
  };
});
vi.mock('electron', () => electron.module);

import { openWindow, registerIpc } from './desktop-shell';
import { IPC } from './ipc-channels';

const target = { uiOrigin: 'http://127.0.0.1:47443', token: 'secret-token' };
const from = (url: string) => ({ senderFrame: { url } });

describe('desktop shell', () => {
  beforeEach(() => {
    electron.handlers.clear();
    electron.windows.length = 0;
    electron.openExternal.mockClear();
  });

  it('hands the endpoint and token only to the Skiff UI', async () => {
    const registration = registerIpc(target);
    const connection = electron.handlers.get(IPC.connection)!;
    expect(connection(from('http://127.0.0.1:47443/namespaces'))).toEqual({
      apiBase: target.uiOrigin,
      token: 'secret-token',
    });
    expect(() => connection(from('https://evil.example/'))).toThrow(/not the Skiff UI/);
    registration.dispose();
    expect(electron.handlers.size).toBe(0);
  });

  it('opens only http(s) links in the OS browser', async () => {
    registerIpc(target);
    const open = electron.handlers.get(IPC.openExternal)!;
    await open(from('http://127.0.0.1:47443/'), 'https://kubernetes.io/');
    await expect(open(from('http://127.0.0.1:47443/'), 'file:///etc/passwd')).rejects.toThrow(
      /only http\(s\)/,
    );
    await expect(open(from('https://evil.example/'), 'https://kubernetes.io/')).rejects.toThrow(
      /not the Skiff UI/,
    );
    expect(electron.openExternal.mock.calls).toEqual([['https://kubernetes.io/']]);
  });

  it('opens a sandboxed window on the UI origin with navigation locked', async () => {
    await openWindow(target, '/app/out/preload/index.js');
    const [window] = electron.windows;
    expect(window!.loaded).toBe('http://127.0.0.1:47443/');
    expect(window!.options).toMatchObject({
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        preload: '/app/out/preload/index.js',
      },
    });
    expect([...window!.contents.handlers.keys()]).toEqual(expect.arrayContaining(['will-navigate', 'open']));
  });
});
