import { campaignResponseStatuses, soldOrderStatuses } from '@relate/common';
import { type Kysely, type RawBuilder, sql } from 'kysely';
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

/** A campaign's own figures, each counted or summed over the records of a set of campaigns. */
export const campaignFigureNames = [
  'members',
  'responses',
  'leads',
  'convertedLeads',
  'opportunities',
  'wonOpportunities',
  'wonAmount',
  'received',
  'cost',
] as const;
export type CampaignFigureName = (typeof campaignFigureNames)[number];

/**
 * One figure of the campaigns in `campaigns` (a parenthesised set of ids: a subquery or one id column),
 * in SQL. Amounts are in minor units of `currency` (the company's, in which costs are kept): amounts of
 * other currencies are never added in. Received is what the instalments of sold orders of the campaigns'
 * opportunities hold (net of refunds).
 */
export function campaignFigure(name: CampaignFigureName, campaigns: RawBuilder<unknown>, currency: string) {
  const whole = (expression: RawBuilder<unknown>) => sql`cast(coalesce(${expression}, 0) as bigint)`;
  switch (name) {
    case 'members':
      return sql`(select count(*) from campaign_members m where m.campaign_id in ${campaigns})`;
    case 'responses':
      return sql`(select count(*) from campaign_members m where m.campaign_id in ${campaigns}
        and m.status in (${sql.join([...campaignResponseStatuses])}))`;
    case 'leads':
      return sql`(select count(*) from leads l where l.campaign_id in ${campaigns} and l.deleted_at is null)`;
    case 'convertedLeads':
      return sql`(select count(*) from leads l where l.campaign_id in ${campaigns} and l.deleted_at is null
        and l.status = 'converted')`;
    case 'opportunities':
      return sql`(select count(*) from opportunities o where o.campaign_id in ${campaigns} and o.deleted_at is null)`;
    case 'wonOpportunities':
      return sql`(select count(*) from opportunities o where o.campaign_id in ${campaigns} and o.deleted_at is null
        and o.status = 'won')`;
    case 'wonAmount':
      return whole(sql`(select sum(o.amount) from opportunities o where o.campaign_id in ${campaigns}
        and o.deleted_at is null and o.status = 'won' and o.currency = ${currency})`);
    case 'received':
      return whole(sql`(select sum(i.received) from instalments i
        join orders r on r.id = i.order_id
        join opportunities o on o.id = r.opportunity_id
        where o.campaign_id in ${campaigns} and o.deleted_at is null and r.deleted_at is null
          and r.status in (${sql.join([...soldOrderStatuses])}) and r.currency = ${currency})`);
    case 'cost':
      return whole(sql`(select sum(k.amount) from campaign_costs k where k.campaign_id in ${campaigns})`);
  }
}

/** The tables a campaign's figures are read from. */
export const campaignFigureTables = [
  'campaign_members',
  'leads',
  'opportunities',
  'orders',
  'instalments',
  'campaign_costs',
] as const;

/**
 * A campaign's figures with every live campaign below it, in one statement: counted and summed by the
 * database over all rows. Sums are cast to whole numbers (PostgreSQL sums bigints as numeric) so that the
 * divisions are integer divisions on both databases, truncated toward zero: cost per lead in minor units,
 * ROI = (received − cost) ÷ cost in basis points (hundredths of a percent), none when nothing was spent.
 * The won deals in other currencies than `currency` are counted apart.
 */
export async function figuresOf(db: Kysely<DB>, campaignId: number, currency: string): Promise<FiguresRow> {
  const inTree = sql`(select id from tree)`;
  const figure = (name: CampaignFigureName) => campaignFigure(name, inTree, currency);
  const result = await sql<FiguresRow>`
    with recursive tree(id) as (
      select id from campaigns where id = ${campaignId} and deleted_at is null
      union all
      select c.id from campaigns c join tree on c.parent_id = tree.id where c.deleted_at is null
    ),
    f as (
      select
        (select count(*) from tree) - 1 as child_count,
        ${figure('members')} as members,
        ${figure('responses')} as responses,
        ${figure('leads')} as leads,
        ${figure('convertedLeads')} as converted_leads,
        ${figure('opportunities')} as opportunities,
        ${figure('wonOpportunities')} as won_opportunities,
        ${figure('wonAmount')} as won_amount,
        (select count(*) from opportunities o where o.campaign_id in ${inTree} and o.deleted_at is null
          and o.status = 'won' and o.currency <> ${currency}) as won_in_other_currencies,
        ${figure('received')} as received,
        ${figure('cost')} as cost
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
