import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve-args';

describe('skiff serve arguments', () => {
  it('defaults to ~/.skiff on 127.0.0.1:47443', () => {
    const args = parseServeArgs([]);
    expect(args.dataDir).toMatch(/\.skiff$/);
    expect([args.host, args.port]).toEqual(['127.0.0.1', 47443]);
  });
  it('takes --flag value and --flag=value', () => {
    expect(
      parseServeArgs([
        '--data-dir',
        '/tmp/x',
        '--port=0',
        '--host',
        '::1',
        '--ingress-port',
        '8081',
        '--metrics-interval=2',
      ]),
    ).toEqual({
      dataDir: '/tmp/x',
      port: 0,
      host: '::1',
      ingressPort: 8081,
      metricsIntervalSeconds: 2,
    });
  });
  it('names the bad flag', () => {
    expect(() => parseServeArgs(['--port', 'http'])).toThrow(
      /--port must be a whole number from 0 to 65535, got "http"/,
    );
    expect(() => parseServeArgs(['--ingress-port', '-1'])).toThrow(/--ingress-port must be a whole number/);
    expect(() => parseServeArgs(['--metrics-interval', '0'])).toThrow(
      /--metrics-interval must be a number of seconds from 0.5 to 300, got "0"/,
    );
    expect(() => parseServeArgs(['--prot', '1'])).toThrow(/unknown option --prot/);
    expect(() => parseServeArgs(['--data-dir'])).toThrow(/--data-dir needs a value/);
  });
});
