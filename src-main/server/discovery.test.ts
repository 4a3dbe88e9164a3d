import { describe, expect, it } from 'vitest';
import { compareKubeAwareVersions } from './discovery';

describe('compareKubeAwareVersions', () => {
  it("orders as Kubernetes' version priority does (its own example)", () => {
    const versions = [
      'foo10',
      'v11alpha2',
      'v1',
      'v12alpha1',
      'v3beta1',
      'v10',
      'foo1',
      'v10beta3',
      'v2',
      'v11beta2',
    ];
    expect(versions.sort(compareKubeAwareVersions)).toEqual([
      'v10',
      'v2',
      'v1',
      'v11beta2',
      'v10beta3',
      'v3beta1',
      'v12alpha1',
      'v11alpha2',
      'foo1',
      'foo10',
    ]);
  });
});
