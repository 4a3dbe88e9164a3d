import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import type { Job } from '../shared/batch-types';
import { controllerRef, controllerRefOf } from '../shared/owner-refs';
import { jobType } from '../shared/resource-types';
import { analysisRunType, type AnalysisRun } from '../shared/rollout-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import type { KindRegistry } from '../store/kind-strategy';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { planAnalysisRun } from './plan-analysis-run';

const TERMINAL = ['Successful', 'Failed', 'Error', 'Inconclusive'];

/** Runs AnalysisRuns' `job` metrics: one Job per measurement, its exit deciding the measurement. */
export class AnalysisRunController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly kinds: KindRegistry,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'analysisrun-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type.group === 'argoproj.io' && type.plural === 'analysisruns') return [objectKey(event.object)];
        if (type === jobType) {
          const owner = controllerRefOf(event.object);
          return owner?.kind === 'AnalysisRun' ? [`${event.object.metadata.namespace}/${owner.name}`] : [];
        }
        return [];
      },
      initialKeys: () => (this.served() ? store.list(analysisRunType).items.map(objectKey) : []),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private served(): boolean {
    return (
      this.kinds.find(analysisRunType.group, analysisRunType.version, analysisRunType.plural) !== undefined
    );
  }

  private async reconcile(key: string): Promise<number | void> {
    if (!this.served()) return;
    const [namespace, name] = key.split('/') as [string, string];
    const run = this.store.tryGet(analysisRunType, namespace, name) as AnalysisRun | undefined;
    if (!run || run.metadata.deletionTimestamp || TERMINAL.includes(run.status?.phase ?? '')) return;
    const jobs = new Map<string, Job>();
    for (const job of this.store.list(jobType, { namespace }).items as Job[])
      if (controllerRefOf(job)?.uid === run.metadata.uid) jobs.set(job.metadata.name ?? '', job);
    const plan = planAnalysisRun(run, jobs, this.now());
    for (const create of plan.createJobs) {
      const job: Job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: create.name,
          namespace,
          labels: {
            ...create.job.job?.metadata?.labels,
            'analysisrun.argoproj.io/name': name.slice(0, 63),
            'analysisrun.argoproj.io/metric-name': create.metric.slice(0, 63),
          },
          annotations: { ...create.job.job?.metadata?.annotations },
          ownerReferences: [controllerRef(run)],
        },
        spec: structuredClone(create.job.job!.spec),
      };
      await this.store.create(jobType, job).catch((err: unknown) => {
        if (!(err instanceof ApiError && err.code === 409)) throw err;
      });
    }
    if (!deepEqual(plan.status, run.status ?? {})) {
      await this.store
        .update(analysisRunType, { ...run, status: plan.status }, { subresource: 'status' })
        .catch(ignoreGoneOrChanged);
      if (plan.status.phase !== run.status?.phase && TERMINAL.includes(plan.status.phase ?? ''))
        await this.recorder.record(
          run,
          plan.status.phase === 'Successful' ? 'Normal' : 'Warning',
          `AnalysisRun${plan.status.phase}`,
          `Analysis Run ${plan.status.phase}${plan.status.message ? `: ${plan.status.message}` : ''}`,
        );
    }
    return plan.requeueAfterMs;
  }
}
