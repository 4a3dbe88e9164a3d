import { describe, expect, it } from 'vitest';
import { matchItems } from './palette-items';

describe('matchItems', () => {
  it('keeps items holding every word of the query, shortest first', () => {
    const items = [
      { label: 'Go to Deployments', path: '/deployments' },
      { label: 'Deployment web (shop)', path: '/deployments', namespace: 'shop', name: 'web' },
      { label: 'Pod web-5d8-abc (shop)', path: '/pods', namespace: 'shop', name: 'web-5d8-abc' },
    ];
    expect(matchItems(items, 'web shop').map((i) => i.label)).toEqual([
      'Deployment web (shop)',
      'Pod web-5d8-abc (shop)',
    ]);
    expect(matchItems(items, 'DEPLOY').map((i) => i.label)).toEqual([
      'Go to Deployments',
      'Deployment web (shop)',
    ]);
  });
});
