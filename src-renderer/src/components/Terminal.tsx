import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useSkiff } from '../state/skiff-context';

const STDIN = 0;
const STATUS = 3;
const RESIZE = 4;

/** The shell to start: bash when the image has it, else sh; or exactly what the user chose. */
export function shellCommand(choice: string): string[] {
  if (choice === 'auto')
    return ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];
  return [choice];
}

/** Columns and rows that fit the element, from the size of one character of the terminal's font. */
function fit(element: HTMLElement, fontSize: number): { cols: number; rows: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;font-family:monospace;font-size:${fontSize}px;white-space:pre`;
  probe.textContent = 'W'.repeat(20);
  document.body.appendChild(probe);
  const { width, height } = probe.getBoundingClientRect();
  probe.remove();
  return {
    cols: Math.max(20, Math.floor(element.clientWidth / (width / 20))),
    rows: Math.max(5, Math.floor(element.clientHeight / height)),
  };
}

/**
 * An xterm.js terminal on an exec session in a container. It resizes with its panel (and tells the engine),
 * stays open while idle, and closing it (unmounting) closes the socket, which ends the shell on the engine.
 */
export function Terminal({
  namespace,
  pod,
  container,
  shell,
}: {
  namespace: string;
  pod: string;
  container: string;
  shell: string;
}) {
  const { client } = useSkiff();
  const host = useRef<HTMLDivElement>(null);
  const [ended, setEnded] = useState<string | undefined>();
  useEffect(() => {
    const element = host.current!;
    const fontSize = 13;
    const term = new XTerm({ fontSize, fontFamily: 'monospace', cursorBlink: true, convertEol: false });
    term.open(element);
    const query = new URLSearchParams({ container, stdin: 'true', stdout: 'true', tty: 'true' });
    for (const part of shellCommand(shell)) query.append('command', part);
    const socket = client.openExec(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec?${query}`,
    );
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const send = (channel: number, text: string) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      const bytes = encoder.encode(text);
      const message = new Uint8Array(bytes.length + 1);
      message[0] = channel;
      message.set(bytes, 1);
      socket.send(message);
    };
    const resize = () => {
      const size = fit(element, fontSize);
      term.resize(size.cols, size.rows);
      send(RESIZE, JSON.stringify({ Width: size.cols, Height: size.rows }));
    };
    socket.onopen = () => {
      resize();
      term.focus();
    };
    socket.onmessage = (message) => {
      const data = new Uint8Array(message.data as ArrayBuffer);
      if (data[0] === STATUS) {
        const status = JSON.parse(decoder.decode(data.subarray(1))) as { status?: string; message?: string };
        setEnded(status.status === 'Success' ? 'The shell ended.' : (status.message ?? 'The shell ended.'));
      } else term.write(data.subarray(1));
    };
    socket.onclose = () => setEnded((e) => e ?? 'The session closed.');
    const input = term.onData((data) => send(STDIN, data));
    const observer = new ResizeObserver(() => resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      input.dispose();
      socket.close(1000);
      term.dispose();
    };
  }, [client, namespace, pod, container, shell]);
  return (
    <div className="terminal-panel">
      <div ref={host} className="terminal" aria-label="Terminal" />
      {ended && (
        <p role="status" className="hint">
          {ended}
        </p>
      )}
    </div>
  );
}
