// The program that holds a pod's network namespace: it waits forever and does nothing else, like Kubernetes'
// pause. Written here as a few machine instructions in a minimal static ELF, so Skiff can build its sandbox
// image with no registry and no compiler, for amd64 and arm64.

const CODE: Record<string, { machine: number; code: number[] }> = {
  // loop: mov eax, 34 (pause); syscall; jmp loop
  amd64: { machine: 0x3e, code: [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7] },
  // loop: x0..x3 = 0; x8 = 73 (ppoll); svc #0; b loop   (arm64 has no pause syscall)
  arm64: {
    machine: 0xb7,
    code: [0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800928, 0xd4000001, 0x17fffffa].flatMap(
      (word) => [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff],
    ),
  },
};

const BASE = 0x400000;
const HEADERS = 64 + 56;

export function pauseProgram(arch: string): Buffer {
  const target = CODE[arch === 'x86_64' ? 'amd64' : arch === 'aarch64' ? 'arm64' : arch];
  if (!target)
    throw new Error(`no pause program for architecture "${arch}" (Skiff supports amd64 and arm64)`);
  const size = HEADERS + target.code.length;
  const elf = Buffer.alloc(size);
  // ELF header
  elf.write('\x7fELF', 0, 'latin1');
  elf[4] = 2; // 64-bit
  elf[5] = 1; // little endian
  elf[6] = 1; // version
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(target.machine, 18);
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(BigInt(BASE + HEADERS), 24); // entry
  elf.writeBigUInt64LE(64n, 32); // program header offset
  elf.writeBigUInt64LE(0n, 40); // no section headers
  elf.writeUInt32LE(0, 48);
  elf.writeUInt16LE(64, 52); // header size
  elf.writeUInt16LE(56, 54); // program header size
  elf.writeUInt16LE(1, 56); // one program header
  elf.writeUInt16LE(64, 58);
  elf.writeUInt16LE(0, 60);
  elf.writeUInt16LE(0, 62);
  // Program header: one loadable, readable and executable segment holding the whole file
  elf.writeUInt32LE(1, 64); // PT_LOAD
  elf.writeUInt32LE(5, 68); // R + X
  elf.writeBigUInt64LE(0n, 72);
  elf.writeBigUInt64LE(BigInt(BASE), 80);
  elf.writeBigUInt64LE(BigInt(BASE), 88);
  elf.writeBigUInt64LE(BigInt(size), 96);
  elf.writeBigUInt64LE(BigInt(size), 104);
  elf.writeBigUInt64LE(0x1000n, 112);
  Buffer.from(target.code).copy(elf, HEADERS);
  return elf;
}
