// What the dock holds: shells and log streams of pods, in tabs. Pure state changes, table-tested.

export interface DockSession {
  id: number;
  kind: 'shell' | 'logs';
  namespace: string;
  pod: string;
  container: string;
  /** for shells: 'auto', 'bash' or 'sh' */
  shell?: string;
}

export interface DockState {
  sessions: DockSession[];
  active?: number;
  next: number;
}

export const EMPTY_DOCK: DockState = { sessions: [], next: 1 };

export function openSession(state: DockState, session: Omit<DockSession, 'id'>): DockState {
  const id = state.next;
  return { sessions: [...state.sessions, { ...session, id }], active: id, next: id + 1 };
}

/** Closing the active tab shows its right neighbour, else its left one. */
export function closeSession(state: DockState, id: number): DockState {
  const at = state.sessions.findIndex((s) => s.id === id);
  if (at < 0) return state;
  const sessions = state.sessions.filter((s) => s.id !== id);
  const active = state.active === id ? (sessions[at] ?? sessions[at - 1])?.id : state.active;
  return { ...state, sessions, ...(active !== undefined ? { active } : { active: undefined }) };
}

export function activateSession(state: DockState, id: number): DockState {
  return state.sessions.some((s) => s.id === id) ? { ...state, active: id } : state;
}

export function sessionTitle(s: DockSession): string {
  return s.kind === 'shell'
    ? `Shell ${s.id} (${s.pod}/${s.container})`
    : `Logs ${s.id} (${s.pod}/${s.container})`;
}

/** The dock's height in px, kept between a minimum and most of the window. */
export function clampDockHeight(height: number, windowHeight: number): number {
  return Math.round(Math.min(Math.max(height, 120), Math.max(120, windowHeight - 160)));
}
