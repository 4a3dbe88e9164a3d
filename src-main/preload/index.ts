import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type DesktopConnection } from '../electron/ipc-channels';

// Named functions only; the renderer never sees ipcRenderer itself.
contextBridge.exposeInMainWorld('skiffDesktop', {
  connection: (): Promise<DesktopConnection> => ipcRenderer.invoke(IPC.connection),
  openExternal: (url: string): Promise<void> => ipcRenderer.invoke(IPC.openExternal, url),
});
