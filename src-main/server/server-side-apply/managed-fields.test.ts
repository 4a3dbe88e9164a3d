import { describe, expect, it } from 'vitest';
import { fieldManagerOf } from './managed-fields';

describe('fieldManagerOf', () => {
  it.each([
    [
      'fieldManager=kubectl-client-side-apply',
      'kubectl/v1.32.0 (linux/amd64) kubernetes/abc',
      'kubectl-client-side-apply',
    ],
    ['', 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc', 'kubectl'],
    ['', 'node-fetch', 'node-fetch'],
    ['', undefined, ''],
  ])('%s with User-Agent %s → %s', (query, userAgent, manager) => {
    expect(fieldManagerOf(new URLSearchParams(query), userAgent)).toBe(manager);
  });

  it('refuses a manager name past 128 characters, naming the parameter', () => {
    expect(() => fieldManagerOf(new URLSearchParams({ fieldManager: 'x'.repeat(129) }), undefined)).toThrow(
      'fieldManager: must be at most 128 characters, got 129',
    );
  });
});
