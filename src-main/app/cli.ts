import { resolve } from 'node:path';
import { parseServeArgs, USAGE } from './serve-args';
import { startSkiff } from './skiff-app';

async function serve(argv: string[]): Promise<void> {
  const args = parseServeArgs(argv);
  const rendererDir = resolve(__dirname, '../renderer');
  const app = await startSkiff({ ...args, rendererDir, proxyDir: resolve(__dirname, '../proxy') });
  console.log(`Skiff is serving.
  UI:         ${app.uiUrl}
  API:        ${app.apiUrl}
  Ingress:    ${app.ingressUrl}
  kubeconfig: ${app.kubeconfigPath}
  try:        kubectl --kubeconfig ${app.kubeconfigPath} get namespaces`);
  app.engine.then(
    (engine) =>
      console.log(
        `  engine:     Docker ${engine.version} (${engine.os}/${engine.arch}, ${engine.cpus} CPUs, ${(engine.memoryBytes / 2 ** 30).toFixed(1)} GiB)`,
      ),
    (err: Error) => console.error(`  engine:     ${err.message}`),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Skiff: ${signal} received, stopping (workloads keep running).`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// A closed terminal or pipe must not take Skiff down with it.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  throw new Error(`unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`skiff: ${err.message}`);
  process.exit(1);
});
