import { describe, expect, it } from 'vitest';
import { headersFromRemote, headersToRemote } from './forward-headers';

const token = `base64url.bearer.authorization.k8s.io.${Buffer.from('skiff-secret').toString('base64url')}`;

describe('headersToRemote', () => {
  it.each([
    ['authorization', 'Bearer skiff-secret'],
    ['host', '127.0.0.1:47443'],
    ['origin', 'http://127.0.0.1:47443'],
    ['referer', 'http://127.0.0.1:47443/pods'],
    ['cookie', 'a=b'],
    ['connection', 'keep-alive'],
    ['keep-alive', 'timeout=5'],
    ['proxy-authorization', 'Basic x'],
    ['te', 'trailers'],
    ['transfer-encoding', 'chunked'],
    ['upgrade', 'websocket'],
  ])('drops %s', (name, value) => {
    expect(headersToRemote({ [name]: value }, false)).toEqual({});
  });

  it.each([
    ['accept', 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json'],
    ['content-type', 'application/apply-patch+yaml'],
    ['user-agent', 'kubectl/v1.32.0'],
    ['accept-encoding', 'gzip'],
    ['impersonate-user', 'jane'],
    ['x-custom', '1'],
  ])('keeps %s', (name, value) => {
    expect(headersToRemote({ [name]: value }, false)).toEqual({ [name]: value });
  });

  it('drops what Connection names', () => {
    expect(headersToRemote({ connection: 'close, x-hop', 'x-hop': '1', 'x-end': '2' }, false)).toEqual({
      'x-end': '2',
    });
  });

  it('keeps an upgrade and its subprotocols, without Skiff’s token carrier', () => {
    expect(
      headersToRemote(
        {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-key': 'k',
          'sec-websocket-version': '13',
          'sec-websocket-protocol': `v5.channel.k8s.io, ${token}, v4.channel.k8s.io`,
          authorization: 'Bearer skiff-secret',
        },
        true,
      ),
    ).toEqual({
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': 'k',
      'sec-websocket-version': '13',
      'sec-websocket-protocol': 'v5.channel.k8s.io, v4.channel.k8s.io',
    });
  });

  it('sends no subprotocol header when the token was the only one', () => {
    expect(headersToRemote({ 'sec-websocket-protocol': token }, true)).toEqual({});
  });
});

describe('headersFromRemote', () => {
  it('keeps the answer’s own headers, drops hop-by-hop ones and cookies', () => {
    expect(
      headersFromRemote({
        'content-type': 'application/json',
        'content-length': '12',
        'audit-id': 'a',
        warning: '299 - "deprecated"',
        'transfer-encoding': 'chunked',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        'set-cookie': ['s=1'],
      }),
    ).toEqual({
      'content-type': 'application/json',
      'content-length': '12',
      'audit-id': 'a',
      warning: '299 - "deprecated"',
    });
  });
});
