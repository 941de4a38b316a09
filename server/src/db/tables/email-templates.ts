import type { Generated } from 'kysely';

// Email templates and their versions per language (migration 0076).

export type EmailTemplateTable = {
  id: Generated<number>;
  name: string;
  /** marketing, transactional or service */
  category: string;
  /** shared or personal */
  scope: string;
  defaultLanguage: string;
  description: string | null;
  ownerId: number | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: number | null;
};

export type EmailTemplateVersionTable = { templateId: number; language: string; subject: string; body: string };

export type EmailTemplateTables = {
  emailTemplates: EmailTemplateTable;
  emailTemplateVersions: EmailTemplateVersionTable;
};
