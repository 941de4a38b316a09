import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/** A survey and a period of time (instants, both ends included; either end may be open). */
export type ReportPeriod = { surveyId: number; from?: string; to?: string };

function sentIn(db: Kysely<DB>, period: ReportPeriod) {
  let qb = db.selectFrom('surveyInvitations').where('surveyId', '=', period.surveyId);
  if (period.from) qb = qb.where('sentAt', '>=', period.from);
  if (period.to) qb = qb.where('sentAt', '<=', period.to);
  return qb;
}

function answeredIn(db: Kysely<DB>, period: ReportPeriod) {
  let qb = db
    .selectFrom('surveyInvitations')
    .where('surveyInvitations.surveyId', '=', period.surveyId)
    .where('surveyInvitations.answeredAt', 'is not', null);
  if (period.from) qb = qb.where('surveyInvitations.answeredAt', '>=', period.from);
  if (period.to) qb = qb.where('surveyInvitations.answeredAt', '<=', period.to);
  return qb;
}

/** The answer to one question as text (a number, a choice, or a list as JSON), null when not given. */
function answerText(dialect: Dialect, key: string) {
  return dialect === 'postgres'
    ? sql`(${sql.ref('surveyInvitations.answers')}::jsonb ->> ${key})`
    : sql`json_extract(${sql.ref('surveyInvitations.answers')}, ${`$."${key}"`})`;
}

function answerNumber(dialect: Dialect, key: string) {
  const value = answerText(dialect, key);
  return dialect === 'postgres' ? sql`(${value})::numeric` : sql`cast(${value} as real)`;
}

/** How many invitations went out in the period, and how many were answered in it. */
export async function sentAndAnswered(db: Kysely<DB>, period: ReportPeriod) {
  const [{ sent }, { answered }] = await Promise.all([
    sentIn(db, period)
      .select((eb) => eb.fn.countAll<number>().as('sent'))
      .executeTakeFirstOrThrow(),
    answeredIn(db, period)
      .select((eb) => eb.fn.countAll<number>().as('answered'))
      .executeTakeFirstOrThrow(),
  ]);
  return { sent, answered };
}

/** How many answered a question with each value, the answer read as a number or as text. */
export function countsByAnswer(
  db: Kysely<DB>,
  dialect: Dialect,
  period: ReportPeriod,
  key: string,
  as: 'number' | 'text',
) {
  const value = as === 'number' ? answerNumber(dialect, key) : answerText(dialect, key);
  return (
    answeredIn(db, period)
      .select([sql<string | number>`${value}`.as('value'), sql<number>`count(*)`.as('n')])
      .where(sql<boolean>`${value} is not null`)
      // By position: on PostgreSQL the key is a separate parameter in each place it is written.
      .groupBy(sql`1`)
      .execute()
  );
}

/** Over the numeric answers to a question: how many, their sum, and how many were 4+, 9+ and 6 or less. */
export function numberFigures(db: Kysely<DB>, dialect: Dialect, period: ReportPeriod, key: string) {
  const number = answerNumber(dialect, key);
  return answeredIn(db, period)
    .select([
      sql<number>`count(${number})`.as('n'),
      sql<number | string | null>`sum(${number})`.as('total'),
      sql<number>`sum(case when ${number} >= 4 then 1 else 0 end)`.as('high'),
      sql<number>`sum(case when ${number} >= 9 then 1 else 0 end)`.as('promoters'),
      sql<number>`sum(case when ${number} <= 6 then 1 else 0 end)`.as('detractors'),
    ])
    .executeTakeFirstOrThrow();
}

/** How many answered a question at all. */
export async function answerCount(db: Kysely<DB>, dialect: Dialect, period: ReportPeriod, key: string) {
  const { n } = await answeredIn(db, period)
    .select(sql<number>`count(${answerText(dialect, key)})`.as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

/** How many chose each choice of a multiple-choice question: each choice of a list counts once. */
export async function choiceCounts(db: Kysely<DB>, dialect: Dialect, period: ReportPeriod, key: string) {
  const answers = answeredIn(db, period).select('surveyInvitations.answers');
  const { rows } =
    dialect === 'postgres'
      ? await sql<{
          value: string;
          n: number;
        }>`select c.value as value, count(*) as n from (${answers}) a, jsonb_array_elements_text(a.answers::jsonb -> ${key}) c group by c.value`.execute(
          db,
        )
      : await sql<{
          value: string;
          n: number;
        }>`select c.value as value, count(*) as n from (${answers}) a, json_each(a.answers, ${`$."${key}"`}) c group by c.value`.execute(
          db,
        );
  return rows;
}

/** The latest answers to a free-text question, with who gave them. */
export function latestTextAnswers(db: Kysely<DB>, dialect: Dialect, period: ReportPeriod, key: string, limit: number) {
  const value = answerText(dialect, key);
  return answeredIn(db, period)
    .leftJoin('contacts', 'contacts.id', 'surveyInvitations.contactId')
    .select([sql<string>`${value}`.as('text'), 'contacts.name as contactName', 'surveyInvitations.answeredAt'])
    .where(sql<boolean>`${value} is not null`)
    .orderBy('surveyInvitations.answeredAt', 'desc')
    .limit(limit)
    .execute();
}
