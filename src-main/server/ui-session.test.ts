import { describe, expect, it } from 'vitest';
import { sessionCookie, sessionIdFrom, UiSessions } from './ui-session';

describe('UI sessions', () => {
  it('knows the ids it issued, and only those', () => {
    const sessions = new UiSessions();
    const id = sessions.issue();
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(sessions.knows(id)).toBe(true);
    expect(sessions.knows(`${id}x`)).toBe(false);
    expect(sessions.knows(undefined)).toBe(false);
  });

  it('forgets the oldest past its bound', () => {
    const sessions = new UiSessions();
    const first = sessions.issue();
    for (let i = 0; i < 64; i++) sessions.issue();
    expect(sessions.knows(first)).toBe(false);
  });

  it('reads its cookie among others', () => {
    expect(sessionIdFrom('a=1; skiff_ui_session=abc-_; b=2')).toBe('abc-_');
    expect(sessionIdFrom('a=1')).toBeUndefined();
    expect(sessionIdFrom(undefined)).toBeUndefined();
  });

  it('sets a cookie scripts cannot read and other sites cannot send', () => {
    expect(sessionCookie('id', false)).toBe(
      'skiff_ui_session=id; Path=/skiff/ui-session; HttpOnly; SameSite=Strict',
    );
    expect(sessionCookie('id', true)).toMatch(/; Secure$/);
  });
});
