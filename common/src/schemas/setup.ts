import { z } from 'zod';

/** What a fresh install asks its administrator to do, in order. */
export const setupSteps = ['company', 'departments', 'users', 'dictionaries', 'slaPolicy', 'mailServer'] as const;
export type SetupStep = (typeof setupSteps)[number];

/** Steps the product cannot see done by itself: the administrator ticks them. */
export const confirmableSetupSteps = ['dictionaries'] as const;

export const SetupChecklist = z.object({
  dismissed: z.boolean(),
  steps: z.array(z.object({ key: z.enum(setupSteps), done: z.boolean() })),
});
export type SetupChecklist = z.infer<typeof SetupChecklist>;

export const SetupChecklistPatch = z
  .object({
    dismissed: z.boolean().optional(),
    confirmed: z.array(z.enum(confirmableSetupSteps)).max(confirmableSetupSteps.length).optional(),
  })
  .strict();
