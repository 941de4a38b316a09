import {
  defaultSettings,
  type SetupChecklist,
  type SetupChecklistPatch,
  type SetupStep,
  setupSteps,
} from '@relate/common';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../platform/context.ts';
import { departmentCount } from '../departments/index.ts';
import { hasMailSettings } from '../mail/index.ts';
import { getSettings, readLogo, readOwnRowSetting, writeOwnRowSetting } from '../settings/index.ts';
import { hasActiveSlaPolicy } from '../tickets/index.ts';
import { activeUserCount } from '../users/index.ts';

const key = 'setupChecklist';
type Stored = { dismissed: boolean; confirmed: SetupStep[] };

async function readStored(db: Kysely<DB>): Promise<Stored> {
  const stored = await readOwnRowSetting<Partial<Stored>>(db, key);
  return {
    dismissed: stored?.dismissed === true,
    confirmed: Array.isArray(stored?.confirmed)
      ? stored.confirmed.filter((step): step is SetupStep => setupSteps.includes(step))
      : [],
  };
}

/** Each step is done when its result can be seen: the company named and its logo uploaded, a second department, … */
async function stepsDone(db: Kysely<DB>, confirmed: SetupStep[]): Promise<Record<SetupStep, boolean>> {
  const settings = await getSettings(db);
  return {
    company: settings.companyName !== defaultSettings.companyName && (await readLogo(db)) !== null,
    departments: (await departmentCount(db)) > 1,
    users: (await activeUserCount(db)) > 1,
    dictionaries: confirmed.includes('dictionaries'),
    slaPolicy: await hasActiveSlaPolicy(db),
    mailServer: await hasMailSettings(db),
  };
}

/** The administrator's set-up checklist of a new install, each step ticked when done. */
export async function setupChecklist(db: Kysely<DB>): Promise<SetupChecklist> {
  const stored = await readStored(db);
  const done = await stepsDone(db, stored.confirmed);
  return { dismissed: stored.dismissed, steps: setupSteps.map((step) => ({ key: step, done: done[step] })) };
}

/** Hides or shows the checklist, and ticks the steps only the administrator can judge done. */
export async function updateSetupChecklist(
  db: Kysely<DB>,
  patch: z.output<typeof SetupChecklistPatch>,
): Promise<SetupChecklist> {
  await inTransaction(db, async (db) => {
    const stored = await readStored(db);
    await writeOwnRowSetting(db, key, {
      dismissed: patch.dismissed ?? stored.dismissed,
      confirmed: patch.confirmed ?? stored.confirmed,
    });
  });
  return setupChecklist(db);
}
