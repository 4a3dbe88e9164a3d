// The programs in a pod's sandbox image, written here as a few machine instructions in minimal static ELFs so
// Skiff can build that image with no registry and no compiler, for amd64 and arm64:
// - pause: holds the pod's network namespace; waits forever and does nothing else, like Kubernetes' pause.
// - rename: `rename FROM TO`, one rename(2), exit code = errno. It swaps the `..data` link of a configMap or
//   secret volume atomically (Kubernetes' AtomicWriter), which the engine's archive API alone cannot do.

type Arch = 'amd64' | 'arm64';
type Program = Record<Arch, number[]>;

const arm64 = (...words: number[]) =>
  words.flatMap((word) => [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff]);

const PAUSE: Program = {
  // loop: mov eax, 34 (pause); syscall; jmp loop
  amd64: [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7],
  // loop: x0..x3 = 0; x8 = 73 (ppoll); svc #0; b loop   (arm64 has no pause syscall)
  arm64: arm64(0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800928, 0xd4000001, 0x17fffffa),
};

const RENAME: Program = {
  // rdi = argv[1]; rsi = argv[2]; eax = 82 (rename); syscall; edi = -eax; eax = 60 (exit); syscall
  amd64: [
    0x48, 0x8b, 0x7c, 0x24, 0x10, 0x48, 0x8b, 0x74, 0x24, 0x18, 0xb8, 0x52, 0x00, 0x00, 0x00, 0x0f, 0x05,
    0x89, 0xc7, 0xf7, 0xdf, 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05,
  ],
  // x1 = argv[1]; x3 = argv[2]; x0 = x2 = AT_FDCWD; x8 = 38 (renameat); svc; x0 = -x0; x8 = 93 (exit); svc
  arm64: arm64(
    0xf9400be1,
    0xf9400fe3,
    0x92800c60,
    0x92800c62,
    0xd28004c8,
    0xd4000001,
    0xcb0003e0,
    0xd2800ba8,
    0xd4000001,
  ),
};

const MACHINE: Record<Arch, number> = { amd64: 0x3e, arm64: 0xb7 };
const BASE = 0x400000;
const HEADERS = 64 + 56;

function archOf(engineArch: string): Arch {
  const a = engineArch === 'x86_64' ? 'amd64' : engineArch === 'aarch64' ? 'arm64' : engineArch;
  if (a !== 'amd64' && a !== 'arm64')
    throw new Error(`no sandbox programs for architecture "${engineArch}" (Skiff supports amd64 and arm64)`);
  return a;
}

function elf(arch: Arch, code: number[]): Buffer {
  const size = HEADERS + code.length;
  const out = Buffer.alloc(size);
  // ELF header
  out.write('\x7fELF', 0, 'latin1');
  out[4] = 2; // 64-bit
  out[5] = 1; // little endian
  out[6] = 1; // version
  out.writeUInt16LE(2, 16); // ET_EXEC
  out.writeUInt16LE(MACHINE[arch], 18);
  out.writeUInt32LE(1, 20);
  out.writeBigUInt64LE(BigInt(BASE + HEADERS), 24); // entry
  out.writeBigUInt64LE(64n, 32); // program header offset
  out.writeBigUInt64LE(0n, 40); // no section headers
  out.writeUInt32LE(0, 48);
  out.writeUInt16LE(64, 52); // header size
  out.writeUInt16LE(56, 54); // program header size
  out.writeUInt16LE(1, 56); // one program header
  out.writeUInt16LE(64, 58);
  out.writeUInt16LE(0, 60);
  out.writeUInt16LE(0, 62);
  // Program header: one loadable, readable and executable segment holding the whole file
  out.writeUInt32LE(1, 64); // PT_LOAD
  out.writeUInt32LE(5, 68); // R + X
  out.writeBigUInt64LE(0n, 72);
  out.writeBigUInt64LE(BigInt(BASE), 80);
  out.writeBigUInt64LE(BigInt(BASE), 88);
  out.writeBigUInt64LE(BigInt(size), 96);
  out.writeBigUInt64LE(BigInt(size), 104);
  out.writeBigUInt64LE(0x1000n, 112);
  Buffer.from(code).copy(out, HEADERS);
  return out;
}

export function pauseProgram(engineArch: string): Buffer {
  const arch = archOf(engineArch);
  return elf(arch, PAUSE[arch]);
}

export function renameProgram(engineArch: string): Buffer {
  const arch = archOf(engineArch);
  return elf(arch, RENAME[arch]);
}
