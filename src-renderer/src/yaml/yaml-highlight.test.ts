import { describe, expect, it } from 'vitest';
import { highlightYaml, type YamlToken } from './yaml-highlight';

/** The tokens of one line without whitespace, as [type, text] pairs. */
const visible = (tokens: YamlToken[]) =>
  tokens.filter((t) => t.type !== 'plain').map((t) => [t.type, t.text] as const);
const line = (text: string) => visible(highlightYaml(text)[0]!);

describe('highlightYaml', () => {
  it('gives every line back exactly when its tokens are joined', () => {
    const text = `apiVersion: v1 # core
kind: ConfigMap
metadata: {name: "a b", labels: {app: web}}
data:
  script: |
    #!/bin/sh
    echo "key: value" # not a comment
  other: 'it''s'
---
- [1, 2.5, true, null]
`;
    const lines = highlightYaml(text);
    expect(lines.map((tokens) => tokens.map((t) => t.text).join(''))).toEqual(text.split('\n'));
  });

  it('tells keys from values', () => {
    expect(line('  replicas: 3')).toEqual([
      ['key', 'replicas'],
      ['punctuation', ':'],
      ['number', '3'],
    ]);
    expect(line('image: nginx:alpine')).toEqual([
      ['key', 'image'],
      ['punctuation', ':'],
      ['string', 'nginx:alpine'],
    ]);
    expect(line('url: http://example.com/a#b')).toEqual([
      ['key', 'url'],
      ['punctuation', ':'],
      ['string', 'http://example.com/a#b'],
    ]);
    expect(line('"quoted key": x')).toEqual([
      ['key', '"quoted key"'],
      ['punctuation', ':'],
      ['string', 'x'],
    ]);
    expect(line('metadata:')).toEqual([
      ['key', 'metadata'],
      ['punctuation', ':'],
    ]);
  });

  it('types scalars as YAML 1.2 reads them', () => {
    const value = (v: string) => line(`k: ${v}`)[2];
    expect(value('42')).toEqual(['number', '42']);
    expect(value('-1')).toEqual(['number', '-1']);
    expect(value('0.5')).toEqual(['number', '0.5']);
    expect(value('1e3')).toEqual(['number', '1e3']);
    expect(value('0x1F')).toEqual(['number', '0x1F']);
    expect(value('.inf')).toEqual(['number', '.inf']);
    expect(value('true')).toEqual(['boolean', 'true']);
    expect(value('False')).toEqual(['boolean', 'False']);
    expect(value('yes')).toEqual(['string', 'yes']);
    expect(value('null')).toEqual(['null', 'null']);
    expect(value('~')).toEqual(['null', '~']);
    expect(value('"3"')).toEqual(['string', '"3"']);
    expect(value("'a # b'")).toEqual(['string', "'a # b'"]);
    expect(value('"say \\"hi\\""')).toEqual(['string', '"say \\"hi\\""']);
    expect(value('100m')).toEqual(['string', '100m']);
  });

  it('finds comments only where YAML starts one', () => {
    expect(line('# all of it')).toEqual([['comment', '# all of it']]);
    expect(line('name: web # the name')).toEqual([
      ['key', 'name'],
      ['punctuation', ':'],
      ['string', 'web'],
      ['comment', '# the name'],
    ]);
    expect(line('color: "#fff"')[2]).toEqual(['string', '"#fff"']);
    expect(line('tag: a#b')[2]).toEqual(['string', 'a#b']);
  });

  it('marks document separators and list dashes', () => {
    expect(line('---')).toEqual([['separator', '---']]);
    expect(line('--- # next')).toEqual([
      ['separator', '---'],
      ['comment', '# next'],
    ]);
    expect(line('...')).toEqual([['separator', '...']]);
    expect(line('- name: web')).toEqual([
      ['dash', '-'],
      ['key', 'name'],
      ['punctuation', ':'],
      ['string', 'web'],
    ]);
    expect(line('  - - 1')).toEqual([
      ['dash', '-'],
      ['dash', '-'],
      ['number', '1'],
    ]);
    expect(line('- -1')).toEqual([
      ['dash', '-'],
      ['number', '-1'],
    ]);
  });

  it('colours flow collections, with their keys', () => {
    expect(line('labels: {app: web, tier: "1"}')).toEqual([
      ['key', 'labels'],
      ['punctuation', ':'],
      ['punctuation', '{'],
      ['key', 'app'],
      ['punctuation', ':'],
      ['string', 'web'],
      ['punctuation', ','],
      ['key', 'tier'],
      ['punctuation', ':'],
      ['string', '"1"'],
      ['punctuation', '}'],
    ]);
    expect(line('args: [a, 2, null]')).toEqual([
      ['key', 'args'],
      ['punctuation', ':'],
      ['punctuation', '['],
      ['string', 'a'],
      ['punctuation', ','],
      ['number', '2'],
      ['punctuation', ','],
      ['null', 'null'],
      ['punctuation', ']'],
    ]);
  });

  it('marks anchors, aliases and tags', () => {
    expect(line('base: &defaults {a: 1}').slice(2, 3)).toEqual([['anchor', '&defaults']]);
    expect(line('copy: *defaults')).toEqual([
      ['key', 'copy'],
      ['punctuation', ':'],
      ['alias', '*defaults'],
    ]);
    expect(line('port: !!str 80')).toEqual([
      ['key', 'port'],
      ['punctuation', ':'],
      ['tag', '!!str'],
      ['number', '80'],
    ]);
    expect(line('- <<: *defaults')[1]).toEqual(['key', '<<']);
  });

  it('treats the indented lines of a block scalar as text, whatever they look like', () => {
    const lines = highlightYaml(`data:
  nginx.conf: |-
    server: {listen 80;}
    # kept

    - not a list
  next: 1
run: >
  folded
- x`);
    expect(visible(lines[1]!)).toEqual([
      ['key', 'nginx.conf'],
      ['punctuation', ':'],
      ['block', '|-'],
    ]);
    expect(visible(lines[2]!)).toEqual([['block', '    server: {listen 80;}']]);
    expect(visible(lines[3]!)).toEqual([['block', '    # kept']]);
    expect(lines[4]).toEqual([]);
    expect(visible(lines[5]!)).toEqual([['block', '    - not a list']]);
    expect(visible(lines[6]!)[0]).toEqual(['key', 'next']);
    expect(visible(lines[7]!)[2]).toEqual(['block', '>']);
    expect(visible(lines[8]!)).toEqual([['block', '  folded']]);
    expect(visible(lines[9]!)[0]).toEqual(['dash', '-']);
  });

  it('does not open a block scalar for a pipe inside a value', () => {
    const lines = highlightYaml('cmd: a | b\nnext: 1');
    expect(visible(lines[0]!)[2]).toEqual(['string', 'a | b']);
    expect(visible(lines[1]!)[0]).toEqual(['key', 'next']);
  });

  it('copes with text that is not YAML yet, as while typing', () => {
    for (const text of ['"unterminated: x', 'key: [a, {b: ', ':', '-', '&', 'a: b: c', '\t\tx'])
      expect(
        highlightYaml(text)
          .map((t) => t.map((x) => x.text).join(''))
          .join('\n'),
      ).toBe(text);
  });
});
