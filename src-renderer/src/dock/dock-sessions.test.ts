import { describe, expect, it } from 'vitest';
import {
  activateSession,
  clampDockHeight,
  closeSession,
  EMPTY_DOCK,
  openSession,
  sessionTitle,
} from './dock-sessions';

const shell = { kind: 'shell' as const, namespace: 'shop', pod: 'box', container: 'tools', shell: 'auto' };

describe('dock sessions', () => {
  it('opens each session in a new tab that becomes the active one', () => {
    const one = openSession(EMPTY_DOCK, shell);
    const two = openSession(one, { ...shell, kind: 'logs' });
    expect(two.sessions.map((s) => s.id)).toEqual([1, 2]);
    expect(two.active).toBe(2);
    expect(sessionTitle(two.sessions[0]!)).toBe('Shell 1 (box/tools)');
    expect(sessionTitle(two.sessions[1]!)).toBe('Logs 2 (box/tools)');
  });

  it.each([
    ['the active middle tab: its right neighbour shows', 2, 2, 3],
    ['the active last tab: its left neighbour shows', 3, 3, 2],
    ['another tab: the active one stays', 1, 3, 3],
    ['an unknown tab: nothing changes', 9, 3, 3],
  ])('closing %s', (_, close, active, expected) => {
    let state = EMPTY_DOCK;
    for (let i = 0; i < 3; i++) state = openSession(state, shell);
    state = activateSession(state, active);
    expect(closeSession(state, close).active).toBe(expected);
  });

  it('closing the last tab leaves nothing active, and ids are never reused', () => {
    const closed = closeSession(openSession(EMPTY_DOCK, shell), 1);
    expect(closed.sessions).toEqual([]);
    expect(closed.active).toBeUndefined();
    expect(openSession(closed, shell).sessions[0]!.id).toBe(2);
  });

  it.each([
    [50, 900, 120],
    [400, 900, 400],
    [880, 900, 740],
    [300, 200, 120],
  ])('height %i in a %i px window → %i', (height, windowHeight, expected) => {
    expect(clampDockHeight(height, windowHeight)).toBe(expected);
  });
});
