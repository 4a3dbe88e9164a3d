// Where the API is and the token to use. In Electron the preload hands both over; in a browser the token
// arrives once in the URL fragment (never sent to any server), is kept for this tab, and is removed from the URL.

export interface Connection {
  apiBase: string;
  token: string;
}

interface DesktopBridge {
  connection(): Promise<Connection>;
  openExternal(url: string): Promise<void>;
}

declare global {
  interface Window {
    skiffDesktop?: DesktopBridge;
  }
}

const TOKEN_KEY = 'skiff.token';

export async function resolveConnection(): Promise<Connection | undefined> {
  if (window.skiffDesktop) return window.skiffDesktop.connection();
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  return token ? { apiBase: window.location.origin, token } : undefined;
}

export function openExternal(url: string): void {
  if (window.skiffDesktop) void window.skiffDesktop.openExternal(url);
  else window.open(url, '_blank', 'noopener,noreferrer');
}
