// A minimal ustar writer: enough to hand the engine a build context or a file without a tar dependency.

export interface TarEntry {
  name: string;
  /** A regular file's bytes; directories and symlinks have none. */
  content?: Buffer;
  mode?: number;
  type?: 'file' | 'directory' | 'symlink';
  /** A symlink's target. */
  linkTarget?: string;
}

const TYPE_FLAG = { file: '0', directory: '5', symlink: '2' } as const;

/** Splits a long path into ustar's prefix (155) and name (100) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const [prefix, rest] = [name.slice(0, i), name.slice(i + 1)];
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`tar: path too long: ${name}`);
}

function header(entry: TarEntry): Buffer {
  const block = Buffer.alloc(512);
  const write = (text: string, offset: number, length: number) =>
    block.write(text.slice(0, length), offset, length, 'ascii');
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  const { prefix, name } = splitName(entry.name);
  const type = entry.type ?? 'file';
  write(name, 0, 100);
  write(octal(entry.mode ?? (type === 'directory' ? 0o755 : type === 'symlink' ? 0o777 : 0o644), 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(entry.content?.length ?? 0, 12), 124, 12);
  write(octal(Math.floor(Date.now() / 1000), 12), 136, 12);
  write('        ', 148, 8); // checksum placeholder: spaces while summing
  write(TYPE_FLAG[type], 156, 1);
  if (entry.linkTarget) write(entry.linkTarget, 157, 100);
  write('ustar\0', 257, 6);
  write('00', 263, 2);
  write(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return block;
}

export function tarArchive(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = entry.content ?? Buffer.alloc(0);
    parts.push(header(entry), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
