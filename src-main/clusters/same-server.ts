const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a kubeconfig's server URL is this Skiff: any loopback name, its port (one port serves HTTP and HTTPS). */
export function isSameServer(server: string, localServer: string): boolean {
  if (!localServer) return false;
  let a: URL;
  let b: URL;
  try {
    a = new URL(server);
    b = new URL(localServer);
  } catch {
    return false;
  }
  const host = (u: URL) => (LOOPBACK.has(u.hostname) ? 'loopback' : u.hostname);
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  return host(a) === host(b) && port(a) === port(b) && a.pathname.replace(/\/$/, '') === '';
}
