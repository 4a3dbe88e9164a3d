import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@shared/api-types';
import {
  imagesOf,
  isLocalOnly,
  pushCommands,
  pushedName,
  splitImage,
  withPushedImages,
} from './local-images';

const template = (containers: object[], initContainers: object[] = []) => ({
  template: { spec: { containers, initContainers } },
});

describe('imagesOf', () => {
  it.each([
    {
      what: 'a Deployment, init containers first, each image once',
      object: {
        kind: 'Deployment',
        spec: template(
          [{ image: 'web:v1' }, { image: 'sidecar:1' }, { image: 'web:v1' }],
          [{ image: 'migrate:v1' }],
        ),
      },
      expected: ['migrate:v1', 'web:v1', 'sidecar:1'],
    },
    { what: 'a Pod', object: { kind: 'Pod', spec: { containers: [{ image: 'box' }] } }, expected: ['box'] },
    {
      what: 'a CronJob',
      object: { kind: 'CronJob', spec: { jobTemplate: { spec: template([{ image: 'report:2' }]) } } },
      expected: ['report:2'],
    },
    { what: 'a ConfigMap', object: { kind: 'ConfigMap', data: {} }, expected: [] },
    { what: 'a Service', object: { kind: 'Service', spec: { ports: [] } }, expected: [] },
  ])('$what', ({ object, expected }) => {
    expect(imagesOf({ apiVersion: 'v1', metadata: { name: 'x' }, ...object } as KubeObject)).toEqual(
      expected,
    );
  });
});

describe('isLocalOnly', () => {
  it.each([
    { present: true, repoDigests: [], expected: true },
    { present: true, repoDigests: ['nginx@sha256:abc'], expected: false },
    { present: false, repoDigests: [], expected: false },
  ])('present $present with digests $repoDigests → $expected', ({ present, repoDigests, expected }) => {
    expect(isLocalOnly({ image: 'x', present, repoDigests })).toBe(expected);
  });
});

describe('image names', () => {
  it.each([
    { image: 'web', repository: 'web', tag: 'latest' },
    { image: 'web:v1', repository: 'web', tag: 'v1' },
    { image: 'localhost:5000/team/web', repository: 'localhost:5000/team/web', tag: 'latest' },
    { image: 'localhost:5000/team/web:v2', repository: 'localhost:5000/team/web', tag: 'v2' },
    { image: 'web:v1@sha256:abc', repository: 'web', tag: 'v1' },
  ])('$image → $repository : $tag', ({ image, repository, tag }) => {
    expect(splitImage(image)).toEqual({ repository, tag });
  });

  it.each([
    { image: 'web:v1', registry: 'registry.example.com/team', expected: 'registry.example.com/team/web:v1' },
    { image: 'skiff-test/web', registry: 'ghcr.io/me/', expected: 'ghcr.io/me/web:latest' },
  ])('$image pushed to $registry is $expected', ({ image, registry, expected }) => {
    expect(pushedName(image, registry)).toBe(expected);
  });

  it('gives the exact tag and push lines', () => {
    expect(pushCommands('web:v1', 'registry.example.com/team')).toEqual([
      'docker tag web:v1 registry.example.com/team/web:v1',
      'docker push registry.example.com/team/web:v1',
    ]);
  });

  it('rewrites only the named images, leaving the original untouched', () => {
    const object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: template([{ image: 'web:v1' }, { image: 'nginx:1.27' }]),
    } as KubeObject;
    const rewritten = withPushedImages(object, ['web:v1'], 'reg.io/t');
    expect(imagesOf(rewritten)).toEqual(['reg.io/t/web:v1', 'nginx:1.27']);
    expect(imagesOf(object)).toEqual(['web:v1', 'nginx:1.27']);
  });
});
