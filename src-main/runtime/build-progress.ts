/** What a build reports as it goes, from the classic builder's JSON messages. */
export type BuildEvent =
  | { type: 'step'; step: number; total: number; instruction: string }
  | { type: 'output'; text: string }
  | { type: 'built'; imageId: string }
  | { type: 'failed'; message: string; step?: number; instruction?: string; output: string };

export interface EngineBuildMessage {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

/** Folds the engine's messages into events, remembering the current step and its output for a failure. */
export class BuildProgress {
  private step?: { step: number; total: number; instruction: string };
  private stepOutput: string[] = [];
  imageId?: string;

  read(message: EngineBuildMessage): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (message.stream) {
      for (const line of message.stream.split('\n')) {
        const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(line);
        if (m) {
          this.step = { step: Number(m[1]), total: Number(m[2]), instruction: m[3]! };
          this.stepOutput = [];
          events.push({ type: 'step', ...this.step });
        } else if (line.trim()) {
          this.stepOutput.push(line);
          if (this.stepOutput.length > 200) this.stepOutput.shift();
          events.push({ type: 'output', text: line });
        }
      }
    }
    if (message.aux?.ID) {
      this.imageId = message.aux.ID;
      events.push({ type: 'built', imageId: message.aux.ID });
    }
    if (message.error) events.push(this.failure(message.errorDetail?.message ?? message.error));
    return events;
  }

  failure(message: string): BuildEvent {
    return {
      type: 'failed',
      message,
      ...(this.step ? { step: this.step.step, instruction: this.step.instruction } : {}),
      output: this.stepOutput.join('\n'),
    };
  }
}
