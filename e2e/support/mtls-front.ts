import { execFile } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, request, type Server } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SkiffProcess } from './skiff-process';

const run = promisify(execFile);

export interface TestPki {
  caCert: string;
  /** Files, so a kubeconfig can name them (client-certificate / client-key). */
  clientCertFile: string;
  clientKeyFile: string;
  serverCert: string;
  serverKey: string;
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate it signed, made with openssl in `dir`. */
export async function makeTestPki(dir: string): Promise<TestPki> {
  const f = (name: string) => join(dir, name);
  const ssl = (args: string[]) => run('openssl', args, { cwd: dir });
  await ssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-days',
    '1',
    '-subj',
    '/CN=test-ca',
  ]);
  for (const [name, subject, ext] of [
    ['server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1'],
    ['client', '/CN=jane/O=developers', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    await ssl([
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
      '-subj',
      subject,
    ]);
    await run('sh', ['-c', `printf '%s\\n' '${ext}' > ${name}.ext`], { cwd: dir });
    await ssl([
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.crt'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${name}.crt`),
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
    ]);
  }
  const { readFile } = await import('node:fs/promises');
  return {
    caCert: await readFile(f('ca.crt'), 'utf8'),
    clientCertFile: f('client.crt'),
    clientKeyFile: f('client.key'),
    serverCert: await readFile(f('server.crt'), 'utf8'),
    serverKey: await readFile(f('server.key'), 'utf8'),
  };
}

export interface MtlsFront {
  port: number;
  /** The headers of every request that reached the front (to check what the proxy forwards). */
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * A TLS-terminating front as a company cluster's gateway would be: it accepts only clients whose certificate
 * the test CA signed (mutual TLS, checked in the handshake) and forwards each request to the remote Skiff with
 * the remote's token, as an apiserver mapping a client certificate to a user.
 */
export async function startMtlsFront(pki: TestPki, remote: SkiffProcess): Promise<MtlsFront> {
  const seen: IncomingHttpHeaders[] = [];
  const { hostname, port } = new URL(remote.apiUrl);
  const server: Server = createServer(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      seen.push(req.headers);
      const headers = {
        ...req.headers,
        host: `${hostname}:${port}`,
        authorization: `Bearer ${remote.token}`,
      };
      const upstream = request(
        { hostname, port, path: req.url, method: req.method, headers, ca: remote.ca },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    },
  );
  server.on('tlsClientError', () => {});
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    seen,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
