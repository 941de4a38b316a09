import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, SurveyInvitationTable } from '../../db/schema.ts';
import { pageWithTotal } from '../../platform/list-query.ts';
import { type Scope, whereInScope } from '../../platform/scope.ts';

function invitationRows(db: Kysely<DB>) {
  return db
    .selectFrom('surveyInvitations')
    .leftJoin('contacts', 'contacts.id', 'surveyInvitations.contactId')
    .leftJoin('customers', 'customers.id', 'surveyInvitations.customerId')
    .leftJoin('tickets', 'tickets.id', 'surveyInvitations.ticketId')
    .select([
      'surveyInvitations.id',
      'surveyInvitations.surveyId',
      'surveyInvitations.contactId',
      'contacts.name as contactName',
      'customers.name as customerName',
      'surveyInvitations.ticketId',
      'tickets.number as ticketNumber',
      'surveyInvitations.channel',
      'surveyInvitations.sentAt',
      'surveyInvitations.answeredAt',
    ]);
}
export type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationRows>['executeTakeFirstOrThrow']>>;

export function getInvitation(db: Kysely<DB>, id: number) {
  return invitationRows(db).where('surveyInvitations.id', '=', id).executeTakeFirstOrThrow();
}

/** A page of a survey's invitations, newest first, with the total of all that match. */
export function listInvitations(
  db: Kysely<DB>,
  surveyId: number,
  filter: { answered?: boolean },
  page: { page: number; pageSize: number },
) {
  let qb = invitationRows(db).where('surveyInvitations.surveyId', '=', surveyId);
  if (filter.answered !== undefined)
    qb = qb.where('surveyInvitations.answeredAt', filter.answered ? 'is not' : 'is', null);
  return pageWithTotal(qb.orderBy('surveyInvitations.id', 'desc'), page);
}

export async function insertInvitation(db: Kysely<DB>, row: Insertable<SurveyInvitationTable>): Promise<number> {
  return (await db.insertInto('surveyInvitations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export function findInvitationByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('surveyInvitations')
    .select(['id', 'surveyId', 'ticketId', 'contactId', 'sentAt', 'answeredAt'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export function findInvitationOfContact(db: Kysely<DB>, id: number, contactId: number) {
  return db
    .selectFrom('surveyInvitations')
    .select(['id', 'surveyId', 'ticketId', 'sentAt', 'answeredAt'])
    .where('id', '=', id)
    .where('contactId', '=', contactId)
    .executeTakeFirst();
}

/** The latest 20 invitations a contact has not answered. */
export function unansweredInvitationsOf(db: Kysely<DB>, contactId: number) {
  return db
    .selectFrom('surveyInvitations')
    .select(['id', 'surveyId', 'ticketId', 'sentAt', 'answeredAt'])
    .where('contactId', '=', contactId)
    .where('answeredAt', 'is', null)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

/** An invitation to this survey about this ticket, if one was sent. */
export function findTicketInvitation(db: Kysely<DB>, ticketId: number, surveyId: number) {
  return db
    .selectFrom('surveyInvitations')
    .select('id')
    .where('ticketId', '=', ticketId)
    .where('surveyId', '=', surveyId)
    .executeTakeFirst();
}

/** Keeps the answers of an invitation not yet answered; answers whether it was not. */
export async function recordAnswers(
  db: Kysely<DB>,
  id: number,
  values: Updateable<SurveyInvitationTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('surveyInvitations')
    .set(values)
    .where('id', '=', id)
    .where('answeredAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** These contacts within a data scope, those not deleted, with where to reach them. */
export function contactsInScope(db: Kysely<DB>, scope: Scope, ids: number[]) {
  return whereInScope(db.selectFrom('contacts'), 'contacts', scope)
    .select(['contacts.id', 'contacts.customerId', 'contacts.name', 'contacts.email'])
    .where('contacts.id', 'in', ids)
    .where('contacts.deletedAt', 'is', null)
    .execute();
}

export function findTicketHeading(db: Kysely<DB>, ticketId: number) {
  return db.selectFrom('tickets').select(['number', 'subject']).where('id', '=', ticketId).executeTakeFirst();
}

/** Who asked a ticket: its contact's name and address, and the ones the requester gave. */
export function getTicketRequester(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('tickets')
    .leftJoin('contacts', 'contacts.id', 'tickets.contactId')
    .select([
      'tickets.id',
      'tickets.customerId',
      'tickets.contactId',
      'tickets.requesterName',
      'tickets.requesterEmail',
      'contacts.name',
      'contacts.email',
    ])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirstOrThrow();
}

/** Gives a ticket its satisfaction score, unless it has one; the callback date stays the first one. */
export function scoreTicket(db: Kysely<DB>, ticketId: number, score: number, comment: string | null, at: string) {
  return db
    .updateTable('tickets')
    .set({
      satisfactionScore: score,
      satisfactionComment: comment,
      callbackAt: sql<string>`coalesce(callback_at, ${at})`,
      updatedAt: at,
    })
    .where('id', '=', ticketId)
    .where('satisfactionScore', 'is', null)
    .execute();
}
