/**
 * What the engine's classic builder cannot build, found before the context is sent, with the line and the reason.
 * Skiff builds through the Engine API's classic builder: BuildKit's own API needs a gRPC session that the Engine
 * API client does not open, so BuildKit-only syntax would fail there with a less helpful message (or none).
 */
const BUILDKIT_FLAGS = [
  '--mount',
  '--network',
  '--security',
  '--link',
  '--chmod',
  '--parents',
  '--exclude',
  '--checksum',
];

export function buildKitOnlyLines(dockerfile: string): string[] {
  const problems: string[] = [];
  dockerfile.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*(RUN|COPY|ADD)\s+(.*)$/i.exec(raw);
    if (!m) return;
    const instruction = m[1]!.toUpperCase();
    const rest = m[2]!;
    const at = `Dockerfile line ${i + 1}`;
    for (const flag of BUILDKIT_FLAGS)
      if (new RegExp(`(^|\\s)${flag}(=|\\s)`).test(rest))
        problems.push(
          `${at}: ${instruction} ${flag} needs BuildKit, which the engine's build API (the classic builder) does not run; remove ${flag}, or build with \`docker buildx build\` and set the image by hand`,
        );
    if (/<<-?["']?[A-Za-z_]\w*["']?/.test(rest))
      problems.push(
        `${at}: a heredoc (<<) in ${instruction} needs BuildKit; the classic builder reads the following lines as instructions. Put the script in a file and COPY it`,
      );
  });
  return problems;
}

/** A leading `# syntax=` directive is ignored by the classic builder: worth a line in the output, not a failure. */
export function syntaxDirectiveNote(dockerfile: string): string | undefined {
  for (const line of dockerfile.split(/\r?\n/)) {
    const directive = /^\s*#\s*(\w+)\s*=\s*(\S+)/.exec(line);
    if (!directive) return undefined; // directives only come before anything else
    if (directive[1]!.toLowerCase() === 'syntax')
      return `"# syntax=${directive[2]}" is ignored: the engine's classic builder uses its own Dockerfile syntax`;
  }
  return undefined;
}
