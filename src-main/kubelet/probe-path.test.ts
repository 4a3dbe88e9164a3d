import { describe, expect, it } from 'vitest';
import { checkProbeSetting, probesThroughGateway } from './probe-path';

const linux = {
  setting: undefined,
  platform: 'linux',
  dockerHost: undefined,
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
};

describe('the way probes reach pods', () => {
  it('goes direct on a Linux host with a local engine', () => {
    expect(probesThroughGateway(linux)).toBe(false);
    expect(probesThroughGateway({ ...linux, dockerHost: 'unix:///run/docker.sock' })).toBe(false);
  });

  it('goes through the gateway where the engine runs elsewhere', () => {
    expect(probesThroughGateway({ ...linux, platform: 'darwin', operatingSystem: 'Docker Desktop' })).toBe(
      true,
    );
    expect(probesThroughGateway({ ...linux, platform: 'win32' })).toBe(true);
    expect(probesThroughGateway({ ...linux, operatingSystem: 'Docker Desktop' })).toBe(true);
    expect(probesThroughGateway({ ...linux, dockerHost: 'tcp://10.0.0.5:2376' })).toBe(true);
    expect(
      probesThroughGateway({
        ...linux,
        platform: 'darwin',
        dockerHost: 'unix:///Users/me/.colima/docker.sock',
      }),
    ).toBe(true);
  });

  it('does what SKIFF_POD_ROUTE says', () => {
    expect(probesThroughGateway({ ...linux, setting: 'gateway' })).toBe(true);
    expect(probesThroughGateway({ ...linux, platform: 'darwin', setting: 'direct' })).toBe(false);
    expect(checkProbeSetting('gateway')).toBeUndefined();
    expect(checkProbeSetting(undefined)).toBeUndefined();
    expect(checkProbeSetting('tunnel')).toBe(
      'SKIFF_POD_ROUTE must be "direct" or "gateway" (or unset to choose by the engine), not "tunnel"',
    );
  });
});
