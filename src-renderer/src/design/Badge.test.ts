import { describe, expect, it } from 'vitest';
import { toneOfStatus } from './Badge';

describe('toneOfStatus', () => {
  it.each([
    ['Running', 'ok'],
    ['Completed', 'ok'],
    ['ErrImagePull', 'danger'],
    ['ImagePullBackOff', 'danger'],
    ['CrashLoopBackOff', 'danger'],
    ['OOMKilled', 'danger'],
    ['Pending', 'warn'],
    ['ContainerCreating', 'warn'],
    ['Terminating', 'warn'],
    ['Init:0/1', 'warn'],
    ['Something', 'neutral'],
  ])('%s → %s', (status, tone) => expect(toneOfStatus(status)).toBe(tone));
});
