import { type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CannedAnswerTable, DB } from '../../db/schema.ts';
import { contains, normalizeSearchText } from '../../platform/search.ts';

/** Up to 50 answers matching the text, those of the category (or of none) only, the category's first. */
export function searchCannedAnswers(db: Kysely<DB>, filter: { q?: string; category?: string }) {
  let qb = db.selectFrom('cannedAnswers').selectAll();
  if (filter.q) qb = qb.where(contains('searchText', normalizeSearchText(filter.q)));
  if (filter.category)
    qb = qb.where((eb) => eb.or([eb('category', '=', filter.category as string), eb('category', 'is', null)]));
  return qb
    .orderBy((eb) => eb.case().when('category', 'is', null).then(1).else(0).end())
    .orderBy('title')
    .limit(50)
    .execute();
}

export function getCannedAnswer(db: Kysely<DB>, id: number) {
  return db.selectFrom('cannedAnswers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertCannedAnswer(db: Kysely<DB>, row: Insertable<CannedAnswerTable>): Promise<number> {
  return (await db.insertInto('cannedAnswers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Answers the id, or undefined when there is no such answer. */
export async function updateCannedAnswer(db: Kysely<DB>, id: number, values: Updateable<CannedAnswerTable>) {
  return (await db.updateTable('cannedAnswers').set(values).where('id', '=', id).returning('id').executeTakeFirst())
    ?.id;
}

/** Answers the id, or undefined when there is no such answer. */
export async function deleteCannedAnswer(db: Kysely<DB>, id: number) {
  return (await db.deleteFrom('cannedAnswers').where('id', '=', id).returning('id').executeTakeFirst())?.id;
}
