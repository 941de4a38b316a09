import { campaignResponseStatuses, soldOrderStatuses } from '@relate/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type FiguresRow = {
  members: number | string;
  responses: number | string;
  leads: number | string;
  convertedLeads: number | string;
  opportunities: number | string;
  wonOpportunities: number | string;
  wonAmount: number | string;
  received: number | string;
  cost: number | string;
  costPerLead: number | string | null;
  roiBp: number | string | null;
  childCount: number | string;
  /** Won opportunities in another currency than the one the figures add up (not in the amounts). */
  wonInOtherCurrencies: number | string;
};

/**
 * A campaign's figures with every live campaign below it, in one statement: counted and summed by the
 * database over all rows. Sums are cast to whole numbers (PostgreSQL sums bigints as numeric) so that the
 * divisions are integer divisions on both databases, truncated toward zero: cost per lead in minor units,
 * ROI = (received − cost) ÷ cost in basis points (hundredths of a percent), none when nothing was spent.
 * Received is what the instalments of sold orders of the campaigns' opportunities hold (net of refunds).
 * Amounts of different currencies are never added together: won and received amounts are those in
 * `currency` (the company's, in which costs are kept), and the won deals in others are counted apart.
 */
export async function figuresOf(db: Kysely<DB>, campaignId: number, currency: string): Promise<FiguresRow> {
  const inTree = sql`(select id from tree)`;
  const whole = (expression: ReturnType<typeof sql>) => sql`cast(coalesce(${expression}, 0) as bigint)`;
  const result = await sql<FiguresRow>`
    with recursive tree(id) as (
      select id from campaigns where id = ${campaignId} and deleted_at is null
      union all
      select c.id from campaigns c join tree on c.parent_id = tree.id where c.deleted_at is null
    ),
    f as (
      select
        (select count(*) from tree) - 1 as child_count,
        (select count(*) from campaign_members m where m.campaign_id in ${inTree}) as members,
        (select count(*) from campaign_members m where m.campaign_id in ${inTree}
          and m.status in (${sql.join([...campaignResponseStatuses])})) as responses,
        (select count(*) from leads l where l.campaign_id in ${inTree} and l.deleted_at is null) as leads,
        (select count(*) from leads l where l.campaign_id in ${inTree} and l.deleted_at is null
          and l.status = 'converted') as converted_leads,
        (select count(*) from opportunities o where o.campaign_id in ${inTree} and o.deleted_at is null)
          as opportunities,
        (select count(*) from opportunities o where o.campaign_id in ${inTree} and o.deleted_at is null
          and o.status = 'won') as won_opportunities,
        ${whole(sql`(select sum(o.amount) from opportunities o where o.campaign_id in ${inTree}
          and o.deleted_at is null and o.status = 'won' and o.currency = ${currency})`)} as won_amount,
        (select count(*) from opportunities o where o.campaign_id in ${inTree} and o.deleted_at is null
          and o.status = 'won' and o.currency <> ${currency}) as won_in_other_currencies,
        ${whole(sql`(select sum(i.received) from instalments i
          join orders r on r.id = i.order_id
          join opportunities o on o.id = r.opportunity_id
          where o.campaign_id in ${inTree} and o.deleted_at is null and r.deleted_at is null
            and r.status in (${sql.join([...soldOrderStatuses])}) and r.currency = ${currency})`)} as received,
        ${whole(sql`(select sum(k.amount) from campaign_costs k where k.campaign_id in ${inTree})`)} as cost
    )
    select
      child_count,
      members,
      responses,
      leads,
      converted_leads,
      opportunities,
      won_opportunities,
      won_amount,
      received,
      cost,
      won_in_other_currencies,
      case when leads = 0 then null else cost / leads end as cost_per_lead,
      case when cost = 0 then null else ((received - cost) * 10000) / cost end as roi_bp
    from f
  `.execute(db);
  return result.rows[0];
}
