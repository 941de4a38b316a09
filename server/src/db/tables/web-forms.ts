import type { Generated } from 'kysely';
import type { Timestamps } from './columns.ts';

// Web-to-lead forms, their submissions, lead assignment rules and consent given on a lead (migration 0077).

export type WebFormTable = Timestamps & {
  id: Generated<number>;
  name: string;
  slug: string;
  active: number;
  titleZh: string;
  titleEn: string;
  introZh: string | null;
  introEn: string | null;
  /** JSON: the fields asked, in order. */
  fields: string;
  /** JSON: the consent checkbox (channels and texts), or null for none. */
  consent: string | null;
  thankYouZh: string | null;
  thankYouEn: string | null;
  redirectUrl: string | null;
  /** JSON array of origins allowed to embed and post the form. */
  allowedOrigins: string;
  campaignId: number | null;
  leadSource: string | null;
  createdBy: number | null;
  updatedBy: number | null;
  deletedAt: string | null;
};

export type WebFormSubmissionTable = {
  id: Generated<number>;
  formId: number;
  leadId: number | null;
  createdLead: number;
  ownerId: number | null;
  /** JSON: the visitor's answers by field key. */
  answers: string;
  consent: number;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  referrer: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
};

export type AssignmentRuleTable = Timestamps & {
  id: Generated<number>;
  name: string;
  position: number;
  active: number;
  /** JSON arrays; an empty one matches any value. */
  provinces: string;
  cities: string;
  industries: string;
  sources: string;
  scoreMin: number | null;
  scoreMax: number | null;
  /** JSON array of user ids. */
  userIds: string;
  departmentId: number | null;
  method: string;
  /** Leads handed out so far: the round robin's turn. */
  turn: Generated<number | string>;
  createdBy: number | null;
  updatedBy: number | null;
};

export type AssignmentSettingsTable = { id: number; defaultOwnerId: number | null };

export type LeadConsentTable = {
  leadId: number;
  channel: 'email' | 'sms' | 'phone';
  state: 'granted' | 'withdrawn';
  source: string;
  changedAt: string;
  changedBy: number | null;
};

export type WebFormTables = {
  webForms: WebFormTable;
  webFormSubmissions: WebFormSubmissionTable;
  assignmentRules: AssignmentRuleTable;
  assignmentSettings: AssignmentSettingsTable;
  leadConsents: LeadConsentTable;
};
