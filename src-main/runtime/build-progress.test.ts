import { describe, expect, it } from 'vitest';
import { BuildProgress } from './build-progress';

describe('BuildProgress', () => {
  it('reports steps, output and the built image', () => {
    const p = new BuildProgress();
    expect(p.read({ stream: 'Step 1/2 : FROM scratch\n' })).toEqual([
      { type: 'step', step: 1, total: 2, instruction: 'FROM scratch' },
    ]);
    expect(p.read({ stream: ' ---> Running in abc\nhello\n' })).toEqual([
      { type: 'output', text: ' ---> Running in abc' },
      { type: 'output', text: 'hello' },
    ]);
    expect(p.read({ aux: { ID: 'sha256:1' } })).toEqual([{ type: 'built', imageId: 'sha256:1' }]);
  });

  it('names the failing step and only its output', () => {
    const p = new BuildProgress();
    p.read({ stream: 'Step 1/3 : FROM x\nearlier\n' });
    p.read({ stream: 'Step 2/3 : RUN make\ncc: error\n' });
    expect(
      p.read({
        error: 'x',
        errorDetail: { message: "The command '/bin/sh -c make' returned a non-zero code: 2" },
      }),
    ).toEqual([
      {
        type: 'failed',
        message: "The command '/bin/sh -c make' returned a non-zero code: 2",
        step: 2,
        instruction: 'RUN make',
        output: 'cc: error',
      },
    ]);
  });
});
