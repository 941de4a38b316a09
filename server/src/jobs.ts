import type { JobHandlers, Recurring } from './platform/jobs.ts';
import { remindFollowup } from './modules/followups/index.ts';
import { autoReturnSweep } from './modules/pool/index.ts';
import { remindTask } from './modules/tasks/index.ts';

/** Every kind of background job and the periodic sweeps; the server runs them, tests call them directly. */
export const jobHandlers: JobHandlers = {
  'pool.autoReturn': (ctx) => autoReturnSweep(ctx),
  'task.remind': remindTask,
  'followup.remind': remindFollowup,
};

export const recurringJobs: Recurring[] = [{ kind: 'pool.autoReturn', everyMinutes: 60 }];
