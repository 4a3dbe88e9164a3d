import { describe, expect, it } from 'vitest';
import {
  chooseServiceIP,
  clusterDNSAddress,
  containsIP,
  isAssignableServiceIP,
  splitSubnet,
} from './network-ranges';

describe('namespace network ranges', () => {
  it('splits a subnet into a half for Docker and a half for Services', () => {
    expect(splitSubnet('172.18.0.0/16')).toEqual({
      subnet: '172.18.0.0/16',
      dynamic: '172.18.0.0/17',
      services: '172.18.128.0/17',
    });
    expect(splitSubnet('192.168.16.0/20')).toEqual({
      subnet: '192.168.16.0/20',
      dynamic: '192.168.16.0/21',
      services: '192.168.24.0/21',
    });
    expect(splitSubnet('10.0.0.0/29')).toBeUndefined();
  });

  it('knows which addresses a range holds', () => {
    expect(containsIP('172.18.128.0/17', '172.18.200.3')).toBe(true);
    expect(containsIP('172.18.128.0/17', '172.18.3.3')).toBe(false);
    expect(containsIP('172.18.128.0/17', 'not-an-ip')).toBe(false);
  });

  it("keeps a Service's address when it can, else takes the lowest free one", () => {
    expect(chooseServiceIP('172.18.128.0/17', new Set())).toBe('172.18.128.1');
    expect(chooseServiceIP('172.18.128.0/17', new Set(['172.18.128.254']), '172.18.128.254')).toBe(
      '172.18.128.1',
    );
    expect(
      chooseServiceIP(
        '172.18.128.0/17',
        new Set(Array.from({ length: 254 }, (_, i) => `172.18.128.${i + 1}`)),
      ),
    ).toBe('172.18.129.1');
    const range = '10.1.0.128/25';
    expect(chooseServiceIP(range, new Set())).toBe('10.1.0.128');
    expect(chooseServiceIP(range, new Set(['10.1.0.128', '10.1.0.129']))).toBe('10.1.0.130');
    expect(chooseServiceIP(range, new Set(['10.1.0.128']), '10.1.0.200')).toBe('10.1.0.200');
    // held by another Service, or outside the range (a network made by an older Skiff): a fresh one
    expect(chooseServiceIP(range, new Set(['10.1.0.200']), '10.1.0.200')).toBe('10.1.0.128');
    expect(chooseServiceIP(range, new Set(), '172.17.0.5')).toBe('10.1.0.128');
  });

  it('never hands out the broadcast address nor the cluster DNS address, and says when the range is full', () => {
    const range = '10.1.0.248/29';
    expect(clusterDNSAddress(range)).toBe('10.1.0.254');
    const taken = new Set(['10.1.0.248', '10.1.0.249', '10.1.0.250', '10.1.0.251', '10.1.0.252']);
    expect(chooseServiceIP(range, taken)).toBe('10.1.0.253');
    expect(chooseServiceIP(range, new Set([...taken, '10.1.0.253']))).toBeUndefined();
    expect(chooseServiceIP(range, new Set(), '10.1.0.254')).toBe('10.1.0.248');
  });

  it('puts the cluster DNS on the last address but one that does not read as a broadcast', () => {
    expect(clusterDNSAddress('172.18.128.0/17')).toBe('172.18.255.254');
    expect(clusterDNSAddress('10.1.0.0/23')).toBe('10.1.1.254');
    expect(isAssignableServiceIP('172.18.128.0/17', '172.18.255.254')).toBe(false);
    expect(isAssignableServiceIP('172.18.128.0/17', '172.18.255.255')).toBe(false);
    expect(isAssignableServiceIP('172.18.128.0/17', '172.18.130.7')).toBe(true);
    expect(isAssignableServiceIP('172.18.128.0/17', '172.18.3.7')).toBe(false);
  });
});
