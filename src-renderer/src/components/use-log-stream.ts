import { useEffect, useReducer, useRef, useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { useSkiff } from '../state/skiff-context';
import { LogBuffer } from './log-buffer';

const CAPACITY = 200_000; // lines kept; older ones are dropped (and counted)
const RETRY_MS = 1000; // a followed log whose container has not started yet is asked for again this often

export type LogStreamState = 'streaming' | 'waiting' | 'ended' | 'error';

export interface LogStreamOptions {
  /** One pod, or all the pods of a workload (each line then marked by its pod). */
  pods: Pod[];
  container: string;
  previous: boolean;
  /** Lines are marked by their pod. */
  aggregated: boolean;
  /** A workload's revision of a pod: the first line of a newer revision's pods gets a marker before it. */
  revisionOf?: (pod: Pod) => number | undefined;
}

export interface LogStream {
  /** The lines so far; the same object while a session lasts, so `version` says when it changed. */
  lines: LogBuffer;
  /** Moves whenever lines arrive (at most once a frame). */
  version: number;
  state: LogStreamState;
  error: string;
}

interface Session {
  controller: AbortController;
  buffer: LogBuffer;
  /** pod name → its stream is open */
  open: Map<string, boolean>;
  newestRevision: number;
  retries: Set<ReturnType<typeof setTimeout>>;
  frame?: number;
}

function newSession(): Session {
  return {
    controller: new AbortController(),
    buffer: new LogBuffer(CAPACITY),
    open: new Map(),
    newestRevision: 0,
    retries: new Set(),
  };
}

/**
 * The log streams of one or more pods' container, read into one bounded buffer. A new session (another
 * container, or the previous one) starts a fresh buffer and closes every stream of the last; each pod's stream
 * joins the session once, as the pod appears. Closing ends every stream, retry timer and pending frame.
 */
export function useLogStream({
  pods,
  container,
  previous,
  aggregated,
  revisionOf,
}: LogStreamOptions): LogStream {
  const { client } = useSkiff();
  const [state, setState] = useState<LogStreamState>('streaming');
  const [error, setError] = useState('');
  const [version, redraw] = useReducer((n: number) => n + 1, 0);
  const session = useRef<Session | undefined>(undefined);
  session.current ??= newSession();

  useEffect(() => {
    const current = newSession();
    session.current = current;
    setState('streaming');
    setError('');
    redraw();
    return () => {
      current.controller.abort();
      for (const timer of current.retries) clearTimeout(timer);
      current.retries.clear();
      if (current.frame !== undefined) cancelAnimationFrame(current.frame);
    };
  }, [client, container, previous]);

  const podKeys = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(',');
  useEffect(() => {
    const current = session.current!;
    const { signal } = current.controller;
    if (signal.aborted) return;
    // many chunks a frame become one render
    const scheduleRedraw = () => {
      if (current.frame !== undefined || signal.aborted) return;
      current.frame = requestAnimationFrame(() => {
        current.frame = undefined;
        redraw();
      });
    };
    const settle = () => {
      if ([...current.open.values()].every((open) => !open)) setState((s) => (s === 'error' ? s : 'ended'));
    };
    const retry = (connect: () => void) => {
      if (!aggregated) setState('waiting');
      const timer = setTimeout(() => {
        current.retries.delete(timer);
        connect();
      }, RETRY_MS);
      current.retries.add(timer);
    };
    for (const pod of pods) {
      const namespace = pod.metadata.namespace ?? 'default';
      const name = pod.metadata.name ?? '';
      if (current.open.has(name)) continue;
      current.open.set(name, true);
      const source = aggregated ? name : undefined;
      const revision = revisionOf?.(pod);
      const query = new URLSearchParams({ container, timestamps: 'true', tailLines: '10000' });
      if (previous) query.set('previous', 'true');
      else query.set('follow', 'true');
      const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?${query}`;
      let chunks = 0;
      const onText = (text: string) => {
        if (chunks++ === 0) {
          setState('streaming');
          if (revision !== undefined && revision > current.newestRevision) {
            if (current.newestRevision > 0)
              current.buffer.appendMarker(
                `── revision ${revision}: pods of the new revision begin (${name}) ──`,
              );
            current.newestRevision = revision;
          }
        }
        current.buffer.append(text, source);
        scheduleRedraw();
      };
      const connect = (): void =>
        void client.streamLog(path, onText, signal).then(
          () => {
            if (signal.aborted) return;
            current.buffer.flush(source);
            // a followed log that ends before its first line: the container has not started yet
            if (!previous && chunks === 0) return retry(connect);
            current.open.set(name, false);
            settle();
            scheduleRedraw();
          },
          (err: Error) => {
            if (signal.aborted) return;
            if (!previous && chunks === 0) return retry(connect);
            current.open.set(name, false);
            if (!aggregated) {
              setState('error');
              setError(err.message);
            } else settle();
          },
        );
      connect();
    }
  }, [client, podKeys, container, previous]); // eslint-disable-line react-hooks/exhaustive-deps

  return { lines: session.current.buffer, version, state, error };
}
