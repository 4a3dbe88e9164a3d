import { describe, expect, it } from 'vitest';
import { quotaUsage } from './quota-usage';

describe('quotaUsage', () => {
  it('compares used with hard for each limited resource, quantities with units included', () => {
    const rows = quotaUsage({
      spec: { hard: { pods: '10', 'requests.memory': '1Gi' } },
      status: {
        hard: { pods: '10', 'requests.memory': '1Gi', 'requests.cpu': '2' },
        used: { pods: '3', 'requests.memory': '512Mi', 'requests.cpu': '1800m' },
      },
    });
    expect(rows).toEqual([
      { resource: 'pods', used: '3', hard: '10', fraction: 0.3, level: 'ok' },
      { resource: 'requests.cpu', used: '1800m', hard: '2', fraction: 0.9, level: 'high' },
      { resource: 'requests.memory', used: '512Mi', hard: '1Gi', fraction: 0.5, level: 'ok' },
    ]);
  });

  it('at or over the limit is full, the bar capped at its end', () => {
    const [at, over] = quotaUsage({
      status: { hard: { a: '2', b: '1' }, used: { a: '2', b: '3' } },
    });
    expect(at).toMatchObject({ fraction: 1, level: 'full' });
    expect(over).toMatchObject({ fraction: 1, level: 'full' });
  });

  it('before the controller has counted: spec.hard with nothing used', () => {
    expect(quotaUsage({ spec: { hard: { 'count/configmaps': '5' } } })).toEqual([
      { resource: 'count/configmaps', used: '0', hard: '5', fraction: 0, level: 'ok' },
    ]);
  });

  it('a zero limit is empty when unused and full when used; a non-quantity has no bar', () => {
    const [unused, used, odd] = quotaUsage({
      status: { hard: { a: '0', b: '0', c: 'lots' }, used: { a: '0', b: '1', c: '1' } },
    });
    expect(unused).toMatchObject({ fraction: 0, level: 'ok' });
    expect(used).toMatchObject({ fraction: 1, level: 'full' });
    expect(odd).toMatchObject({ fraction: undefined, level: 'ok' });
  });
});
