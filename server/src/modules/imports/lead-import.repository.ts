import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

const liveLeads = (db: Kysely<DB>) => db.selectFrom('leads').where('deletedAt', 'is', null);

export function listLeadPhonesIn(db: Kysely<DB>, phones: string[]) {
  return liveLeads(db).select('phoneNorm').where('phoneNorm', 'in', phones).execute();
}

export function listLeadEmailsIn(db: Kysely<DB>, emails: string[]) {
  return liveLeads(db).select('email').where('email', 'in', emails).execute();
}

export function listLeadNamesIn(db: Kysely<DB>, names: string[]) {
  return liveLeads(db).select(['nameNorm', 'companyNorm']).where('nameNorm', 'in', names).execute();
}
