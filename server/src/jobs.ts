import type { JobHandlers, Recurring } from './platform/jobs.ts';
import { autoReturnSweep } from './modules/pool/index.ts';

/** Every kind of background job and the periodic sweeps; the server runs them, tests call them directly. */
export const jobHandlers: JobHandlers = {
  'pool.autoReturn': (ctx) => autoReturnSweep(ctx),
};

export const recurringJobs: Recurring[] = [{ kind: 'pool.autoReturn', everyMinutes: 60 }];
