// A minimal ustar writer: enough to hand the engine a build context or a file without a tar dependency.

export interface TarEntry {
  name: string;
  content: Buffer;
  mode?: number;
}

function header(entry: TarEntry): Buffer {
  const block = Buffer.alloc(512);
  const write = (text: string, offset: number, length: number) =>
    block.write(text.slice(0, length), offset, length, 'ascii');
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  write(entry.name, 0, 100);
  write(octal(entry.mode ?? 0o644, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(entry.content.length, 12), 124, 12);
  write(octal(0, 12), 136, 12);
  write('        ', 148, 8); // checksum placeholder: spaces while summing
  write('0', 156, 1);
  write('ustar\0', 257, 6);
  write('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return block;
}

export function tarArchive(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry), entry.content, Buffer.alloc((512 - (entry.content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
