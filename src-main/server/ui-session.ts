import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { apiErrors } from '../store/api-error';
import { sendError, sendJson } from './http-io';
import { isAuthorized } from './request-guard';

/**
 * How a browser tab that was not given the token (a copied link, a new tab, a reload) gets it back within the
 * same browser session. The first tab, holding the token from the URL fragment, trades it here (POST with the
 * bearer token) for a random session id in an HttpOnly, SameSite=Strict cookie with no expiry, scoped to this
 * path; a later tab GETs this path and, cookie in hand, is handed the token. The token itself is never stored
 * by the browser where a script could read it later or on disk past the browser session, and other sites can
 * neither send the cookie (SameSite=Strict, plus the Host/Origin guard) nor read the answer (no CORS).
 * Ids live in memory: a restarted server forgets them and the full URL is needed again.
 */
export const UI_SESSION_PATH = '/skiff/ui-session';
const COOKIE = 'skiff_ui_session';
const MAX_SESSIONS = 64;

export class UiSessions {
  private readonly ids = new Set<string>();

  issue(): string {
    const id = randomBytes(32).toString('base64url');
    this.ids.add(id);
    // the oldest go first when many browsers came and went
    for (const old of this.ids) {
      if (this.ids.size <= MAX_SESSIONS) break;
      this.ids.delete(old);
    }
    return id;
  }

  knows(id: string | undefined): boolean {
    return id !== undefined && this.ids.has(id);
  }
}

export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

export function sessionCookie(id: string, secure: boolean): string {
  return `${COOKIE}=${id}; Path=${UI_SESSION_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function handleUiSession(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: UiSessions,
  token: string,
): void {
  try {
    if (req.method === 'POST') {
      if (!isAuthorized(req.headers, token)) throw apiErrors.unauthorized();
      const secure = (req.socket as TLSSocket).encrypted === true;
      res
        .writeHead(204, {
          'Set-Cookie': sessionCookie(sessions.issue(), secure),
          'Cache-Control': 'no-store',
        })
        .end();
      return;
    }
    if (req.method === 'GET') {
      if (!sessions.knows(sessionIdFrom(req.headers.cookie))) throw apiErrors.unauthorized();
      sendJson(res, 200, { token });
      return;
    }
    throw apiErrors.methodNotAllowed(`${req.method} is not allowed on ${UI_SESSION_PATH}: use GET or POST`);
  } catch (err) {
    sendError(res, err);
  }
}
