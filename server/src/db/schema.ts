import type { CallListTables } from './tables/call-lists.ts';
import type { CampaignTables } from './tables/campaigns.ts';
import type { CampaignSequenceTables } from './tables/campaign-sequences.ts';
import type { SegmentTables } from './tables/segments.ts';
import type { EmailTemplateTables } from './tables/email-templates.ts';
import type { CommissionTables } from './tables/commission.ts';
import type { CustomerTables } from './tables/customers.ts';
import type { CtiTables } from './tables/cti.ts';
import type { InsightTables } from './tables/insight.ts';
import type { InvoicingTables } from './tables/invoicing.ts';
import type { InstanceTables } from './tables/instances.ts';
import type { MailTables } from './tables/mail.ts';
import type { MoneyTables } from './tables/money.ts';
import type { OrgTables } from './tables/org.ts';
import type { SalesTables } from './tables/sales.ts';
import type { ServiceTables } from './tables/service.ts';
import type { SmsTables } from './tables/sms.ts';
import type { WebhookTables } from './tables/webhooks.ts';
import type { WebFormTables } from './tables/web-forms.ts';
import type { ScoringTables } from './tables/scoring.ts';
import type { MembershipTables } from './tables/membership.ts';

export type * from './tables/call-lists.ts';
export type * from './tables/campaigns.ts';
export type * from './tables/campaign-sequences.ts';
export type * from './tables/segments.ts';
export type * from './tables/email-templates.ts';
export type * from './tables/commission.ts';
export type * from './tables/customers.ts';
export type * from './tables/cti.ts';
export type * from './tables/insight.ts';
export type * from './tables/invoicing.ts';
export type * from './tables/instances.ts';
export type * from './tables/mail.ts';
export type * from './tables/money.ts';
export type * from './tables/org.ts';
export type * from './tables/sales.ts';
export type * from './tables/service.ts';
export type * from './tables/sms.ts';
export type * from './tables/webhooks.ts';
export type * from './tables/web-forms.ts';
export type * from './tables/scoring.ts';
export type * from './tables/membership.ts';

/** Every table by its name in queries, in camelCase (CamelCasePlugin maps to snake_case); the row types live in tables/, by domain. */
export type DB = OrgTables &
  CustomerTables &
  SalesTables &
  MoneyTables &
  ServiceTables &
  InsightTables &
  MailTables &
  WebhookTables &
  CommissionTables &
  CampaignTables &
  CampaignSequenceTables &
  SegmentTables &
  EmailTemplateTables &
  SmsTables &
  CtiTables &
  InvoicingTables &
  InstanceTables &
  CallListTables &
  WebFormTables &
  ScoringTables &
  MembershipTables;
