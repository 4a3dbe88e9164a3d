import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { BASES, hostileRequests, type HostileRequest } from '../support/hostile-requests';
import { api, type SkiffProcess } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

// ≥5,000 generated hostile requests (fixed seed): no answer ≥ 500, no reset connection, every error a Status
// with a message, nothing stored that the server itself would not accept, the process alive and its memory back
// near where it started.

const COUNT = 5000;
const SEED = 16;

interface Answer {
  status: number;
  body: string;
}

function send(s: SkiffProcess, r: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${s.token}`,
      Accept: 'application/json',
    };
    if (r.body !== undefined) headers['Content-Type'] = r.contentType ?? 'application/json';
    const req = httpsRequest(
      {
        hostname: '127.0.0.1',
        port: s.port,
        path: r.path,
        method: r.method,
        headers,
        ca: s.ca,
        timeout: 20_000,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 20 s')));
    req.on('error', reject);
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

describe('hostile input', () => {
  const f = useSkiffServer('hostile');

  it(
    `answers ${COUNT} generated hostile requests with 2xx or a 4xx Status, storing nothing invalid`,
    { timeout: 600_000 },
    async () => {
      const s = f.skiff;
      const existing: Record<string, string> = {};
      for (const base of BASES.filter((b) => b.real)) {
        const name = `kept-${base.plural}`.slice(0, 40);
        const res = await api(s, `${base.prefix}/namespaces/${f.ns}/${base.plural}`, {
          method: 'POST',
          body: { ...base.object, metadata: { ...base.object.metadata, name } },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        existing[base.plural] = name;
      }
      const start = (await api(s, '/debug/skiff/resources?gc=true')).body.memory;

      const requests = hostileRequests(f.ns, existing, COUNT, SEED);
      const problems: string[] = [];
      const byStatus: Record<number, number> = {};
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          try {
            const answer = await send(s, r);
            byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
            if (answer.status >= 500)
              problems.push(`${answer.status} for ${r.what}: ${answer.body.slice(0, 160)}`);
            else if (answer.status >= 400) {
              let status: any;
              try {
                status = JSON.parse(answer.body);
              } catch {
                status = undefined;
              }
              if (status?.kind !== 'Status' || !status.message)
                problems.push(
                  `${answer.status} without a Status for ${r.what}: ${answer.body.slice(0, 120)}`,
                );
            }
          } catch (err) {
            problems.push(`connection failed for ${r.what}: ${(err as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));

      // Nothing invalid stored: each object of these kinds in the namespace is accepted again as it is.
      let stored = 0;
      for (const base of BASES) {
        const list = await api(s, `${base.prefix}/namespaces/${f.ns}/${base.plural}`);
        expect(list.status).toBe(200);
        for (const item of list.body.items as any[]) {
          stored++;
          const again = await api(
            s,
            `${base.prefix}/namespaces/${f.ns}/${base.plural}/${item.metadata.name}?dryRun=All`,
            {
              method: 'PUT',
              body: item,
            },
          );
          if (again.status !== 200 && again.status !== 409)
            problems.push(
              `stored ${base.plural}/${item.metadata.name} is not accepted again: ${again.status} ${again.body?.message}`,
            );
        }
      }
      await new Promise((r) => setTimeout(r, 3000));
      const end = (await api(s, '/debug/skiff/resources?gc=true')).body.memory;
      const mib = (n: number) => (n / 2 ** 20).toFixed(0);
      console.log(
        `hostile-input: ${COUNT} requests (seed ${SEED}), answers ${JSON.stringify(byStatus)}, ${problems.length} problems, ` +
          `${stored} objects stored and accepted again; RSS ${mib(start.rss)} → ${mib(end.rss)} MiB, heap ${mib(start.heapUsed)} → ${mib(end.heapUsed)} MiB`,
      );
      expect(problems.slice(0, 30)).toEqual([]);
      expect(s.child.exitCode).toBeNull();
      expect(end.heapUsed).toBeLessThan(start.heapUsed + 64 * 2 ** 20);
    },
  );
});
