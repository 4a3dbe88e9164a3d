import type { Readable, Writable } from 'node:stream';

// What the runtime hands its clients: plain shapes, nothing of dockerode's.

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  operatingSystem: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  hostname: string;
}

export interface ContainerSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string; // created | running | exited | dead | paused | restarting | removing
  createdUnix: number;
}

export interface ContainerDetails {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
  status: string;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt?: string;
  finishedAt?: string;
  imageId: string;
  networkIps: Record<string, string>;
  /** Host ports by container port ("8080/tcp" → 49153), for published ports. */
  hostPorts: Record<string, number>;
}

/** A container to create, in the Docker Engine API's own create-body shape. */
export interface ContainerCreateSpec {
  name: string;
  body: Record<string, unknown>;
}

export interface PullProgress {
  /** Bytes downloaded and total over the layers seen so far (total 0 when unknown). */
  current: number;
  total: number;
  status: string;
}

export interface RuntimeEvent {
  containerId: string;
  action: string; // start | die | oom | destroy | kill | stop | health_status…
  labels: Record<string, string>;
}

/** One reading of a container's cumulative CPU time and its memory working set. */
export interface ContainerStatsSample {
  timestamp: number; // ms since epoch, the engine's reading time
  cpuNanos: number; // cumulative CPU time used
  memoryWorkingSetBytes: number; // usage minus inactive file pages, as the kubelet (cAdvisor) counts it
}

/**
 * A command running in a container, its output already split by stream (docker-streams.ts) — what
 * Kubernetes' remotecommand hands over as stdin, stdout and stderr.
 */
export interface ExecSession {
  tty: boolean;
  /** The command's standard output; with a TTY, all the terminal shows. Ends when the command's output does. */
  stdout: Readable;
  /** Its standard error; with a TTY that is part of stdout, and this ends at once. */
  stderr: Readable;
  /** Its standard input (writes are dropped by the engine unless the exec was made with stdin); end() closes it. */
  stdin: Writable;
  resize(columns: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
  /** Drops the connection to the exec (the engine may keep the process running: moby#9098). */
  close(): void;
}

export interface LogOptions {
  follow: boolean;
  tail?: number;
  sinceSeconds?: number;
  timestamps: boolean;
}

export interface RuntimeIdentity {
  /** This Skiff's instance id (one per data dir): it only ever lists, changes or removes what carries it. */
  instance: string;
  /** More labels for everything created (the test suite marks its objects this way). */
  extraLabels?: Record<string, string>;
}
