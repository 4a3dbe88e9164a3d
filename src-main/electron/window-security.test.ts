import { describe, expect, it, vi } from 'vitest';

// Requiring the real `electron` under plain Node tries to download its binary; the shell's logic is tested
// against a stand-in for the few Electron objects it touches.
vi.mock('electron', () => ({}));

import { isAppUrl, lockNavigation, secureWindowOptions } from './window-security';

type Handler = (...args: unknown[]) => unknown;

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let openHandler: Handler | undefined;
  return {
    handlers,
    open: (url: string) => openHandler!({ url }),
    contents: {
      on: (name: string, handler: Handler) => handlers.set(name, handler),
      setWindowOpenHandler: (handler: Handler) => (openHandler = handler),
    },
  };
}

describe('Electron window security', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWindowOptions('/app/preload.js').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      preload: '/app/preload.js',
    });
  });

  it('keeps navigation inside the app origin', () => {
    const fake = fakeContents();
    lockNavigation(fake.contents as never, 'http://127.0.0.1:47443', () => {});
    const navigate = fake.handlers.get('will-navigate')!;
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'http://127.0.0.1:47443/pods');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const outside = { preventDefault: vi.fn() };
    navigate(outside, 'https://evil.example/');
    expect(outside.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and hands web links to the OS browser', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    lockNavigation(fake.contents as never, 'http://127.0.0.1:47443', (url) => opened.push(url));
    expect(fake.open('https://kubernetes.io/docs/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://kubernetes.io/docs/']);
  });

  it('compares whole origins, not prefixes', () => {
    expect(isAppUrl('http://127.0.0.1:47443.evil.example/', 'http://127.0.0.1:47443')).toBe(false);
    expect(isAppUrl('not a url', 'http://127.0.0.1:47443')).toBe(false);
  });
});
