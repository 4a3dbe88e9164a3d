/** The few things only a desktop shell can do; everything else goes through the API like any other client. */
export const IPC = {
  connection: 'skiff:connection',
  openExternal: 'skiff:open-external',
} as const;

export interface DesktopConnection {
  /** Base URL of the API the renderer talks to (the page's own origin). */
  apiBase: string;
  token: string;
}
