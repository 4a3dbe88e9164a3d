// Where the API is and the token to use. In Electron the preload hands both over. In a browser the token
// arrives once in the URL fragment (never sent to any server by the browser) and is removed from the URL; the
// tab keeps it in sessionStorage and trades it for an HttpOnly, SameSite=Strict session cookie, so that another
// tab of the same browser session (a copied link, a reload) gets it back from the server (server/ui-session.ts).
// The token is never in storage a script could read after the browser closes.

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
const SESSION_PATH = '/skiff/ui-session';

async function tokenFromSession(): Promise<string | undefined> {
  try {
    const res = await fetch(SESSION_PATH, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : undefined;
  } catch {
    return undefined;
  }
}

function handOver(token: string): void {
  void fetch(SESSION_PATH, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => undefined); // without it only this tab knows the token: still usable
}

export async function resolveConnection(): Promise<Connection | undefined> {
  if (window.skiffDesktop) return window.skiffDesktop.connection();
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    handOver(fromUrl);
  }
  let token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  if (!token) {
    token = await tokenFromSession();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
  }
  return token ? { apiBase: window.location.origin, token } : undefined;
}

export function openExternal(url: string): void {
  if (window.skiffDesktop) void window.skiffDesktop.openExternal(url);
  else window.open(url, '_blank', 'noopener,noreferrer');
}
