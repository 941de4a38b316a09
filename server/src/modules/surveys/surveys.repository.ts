import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, SurveyTable } from '../../db/schema.ts';

/** Surveys not deleted, each with how many invitations went out and how many were answered. */
function surveyRows(db: Kysely<DB>) {
  return db
    .selectFrom('surveys')
    .selectAll('surveys')
    .select((eb) => [
      eb
        .selectFrom('surveyInvitations')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('surveyInvitations.surveyId', '=', 'surveys.id')
        .as('sent'),
      eb
        .selectFrom('surveyInvitations')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('surveyInvitations.surveyId', '=', 'surveys.id')
        .where('surveyInvitations.answeredAt', 'is not', null)
        .as('answered'),
    ])
    .where('surveys.deletedAt', 'is', null);
}
export type SurveyRow = Awaited<ReturnType<ReturnType<typeof surveyRows>['executeTakeFirstOrThrow']>>;

/** Every survey, newest first. */
export function listSurveys(db: Kysely<DB>) {
  return surveyRows(db).orderBy('surveys.id', 'desc').execute();
}

export function findSurvey(db: Kysely<DB>, id: number) {
  return surveyRows(db).where('surveys.id', '=', id).executeTakeFirst();
}

export async function insertSurvey(db: Kysely<DB>, row: Insertable<SurveyTable>): Promise<number> {
  return (await db.insertInto('surveys').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function updateSurvey(db: Kysely<DB>, id: number, values: Updateable<SurveyTable>) {
  return db.updateTable('surveys').set(values).where('id', '=', id).execute();
}
