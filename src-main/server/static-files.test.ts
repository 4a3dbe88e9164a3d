import { describe, expect, it } from 'vitest';
import { builtFileFor, isClientRoute } from './static-files';

describe('isClientRoute', () => {
  it.each([
    ['', true],
    ['pods', true],
    ['ns/shop/deployments/storefront/history', true],
    ['ns/shop/configmaps/kube-root-ca.crt', true],
    ['nodes/skiff.local', true],
    ['kinds/networking.k8s.io/v1/ingressclasses/-/edge', true],
    ['index.html', false],
    ['favicon.ico', false],
    ['assets/index-abc.js', false],
    ['assets/fonts/x.woff2', false],
  ])('%s → %s', (path, expected) => {
    expect(isClientRoute(path)).toBe(expected);
  });
});

describe('builtFileFor', () => {
  it.each([
    ['', 'index.html'],
    ['ns/shop/pods/web-1/logs', 'index.html'],
    ['ns/shop/pods/assets/index-abc.js', 'assets/index-abc.js'],
    ['assets/index-abc.css', 'assets/index-abc.css'],
    ['favicon.ico', 'favicon.ico'],
    ['ns/assets/configmaps/ca.crt', 'index.html'],
    ['ns/assets/pods/web', 'index.html'],
  ])('%s → %s', (path, expected) => {
    expect(builtFileFor(path)).toBe(expected);
  });
});
