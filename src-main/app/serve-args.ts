import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const USAGE = `Usage: skiff serve [--data-dir DIR] [--port N] [--host 127.0.0.1] [--ingress-port N]
                   [--metrics-interval SECONDS]

Runs the Skiff orchestrator and its API headless, writes DIR/kubeconfig and prints the UI's URL.
  --data-dir DIR   where state, the token, the certificate and the kubeconfig live (default ~/.skiff)
  --port N         the API and UI port (default 47443; 0 picks a free one)
  --host H         the address to listen on (default 127.0.0.1)
  --ingress-port N where Ingresses are served on 127.0.0.1 (default 47480; 0 picks a free one)
  --metrics-interval SECONDS
                   how often container CPU and memory are read (default 15, as metrics-server; 0.5 to 300)`;

export interface ServeArgs {
  dataDir: string;
  port: number;
  host: string;
  ingressPort: number;
  metricsIntervalSeconds: number;
}

export function parseServeArgs(argv: string[]): ServeArgs {
  const args: ServeArgs = {
    dataDir: join(homedir(), '.skiff'),
    port: 47443,
    host: '127.0.0.1',
    ingressPort: 47480,
    metricsIntervalSeconds: 15,
  };
  const portValue = (name: string, raw: string) => {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`${name} must be a whole number from 0 to 65535, got "${raw}"`);
    return port;
  };
  const intervalValue = (name: string, raw: string) => {
    const seconds = Number(raw);
    if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 300)
      throw new Error(`${name} must be a number of seconds from 0.5 to 300, got "${raw}"`);
    return seconds;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a value\n\n${USAGE}`);
      return v;
    };
    if (name === '--data-dir') args.dataDir = resolve(value());
    else if (name === '--host') args.host = value();
    else if (name === '--port') args.port = portValue(name, value());
    else if (name === '--ingress-port') args.ingressPort = portValue(name, value());
    else if (name === '--metrics-interval') args.metricsIntervalSeconds = intervalValue(name, value());
    else throw new Error(`unknown option ${flag}\n\n${USAGE}`);
  }
  return args;
}
