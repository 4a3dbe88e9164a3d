import { describe, expect, it } from 'vitest';
import { buildKitOnlyLines, syntaxDirectiveNote } from './dockerfile-check';

describe('Dockerfile check for the classic builder', () => {
  it.each([
    ['RUN --mount=type=cache,target=/root/.cache pip install x', 'line 2: RUN --mount needs BuildKit'],
    ['COPY --link . /app', 'line 2: COPY --link needs BuildKit'],
    ['COPY --chmod=755 run.sh /', 'line 2: COPY --chmod needs BuildKit'],
    ['RUN <<EOF\necho hi\nEOF', 'line 2: a heredoc (<<) in RUN needs BuildKit'],
  ])('refuses %s', (line, problem) => {
    expect(buildKitOnlyLines(`FROM scratch\n${line}\n`).join('\n')).toContain(problem);
  });

  it('accepts what the classic builder builds', () => {
    expect(
      buildKitOnlyLines('FROM scratch AS base\nCOPY --chown=1:1 --from=base a b\nRUN echo "a << b"\n'),
    ).toEqual([]);
  });

  it('notes a syntax directive only at the top', () => {
    expect(syntaxDirectiveNote('# syntax=docker/dockerfile:1.4\nFROM x')).toContain('ignored');
    expect(syntaxDirectiveNote('FROM x\n# syntax=docker/dockerfile:1.4')).toBeUndefined();
  });
});
