import { type CustomField, CustomFieldInput, type CustomFieldPatch, type customFieldEntities } from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { readJson, writeJson } from '../../db/json.ts';
import type { CustomFieldDefinitionTable, DB } from '../../db/schema.ts';
import { nowIso } from '../../db/time.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { AppError, type FieldMessage, fieldError, orNotFound } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/context.ts';
import * as repo from './custom-fields.repository.ts';

type Entity = (typeof customFieldEntities)[number];

function toField(row: Selectable<CustomFieldDefinitionTable>): CustomField {
  return {
    ...row,
    entity: row.entity as Entity,
    type: row.type as CustomField['type'],
    options: readJson(row.options, []),
    required: Boolean(row.required),
    enabled: Boolean(row.enabled),
  };
}

export async function listCustomFields(db: Kysely<DB>, entity?: Entity): Promise<CustomField[]> {
  return (await repo.listFieldDefinitions(db, entity)).map(toField);
}

export async function createCustomField(db: Kysely<DB>, actor: Actor, input: z.output<typeof CustomFieldInput>) {
  return inTransaction(db, async (db) => {
    const existing = await repo.findFieldDefinitionIdByKey(db, input.entity, input.key);
    if (existing) throw fieldError('key', 'codeTaken');
    const now = nowIso();
    const row = await repo.insertFieldDefinition(db, {
      ...input,
      options: writeJson(input.options),
      required: input.required ? 1 : 0,
      enabled: input.enabled ? 1 : 0,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'customFields',
      entityId: row.id,
      detail: { entity: input.entity, key: input.key },
    });
    return toField(row);
  });
}

export async function updateCustomField(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  patch: z.output<typeof CustomFieldPatch>,
) {
  return inTransaction(db, async (db) => {
    const before = toField(orNotFound(await repo.findFieldDefinitionById(db, id)));
    const row = await repo.updateFieldDefinition(db, id, {
      ...patch,
      options: patch.options ? writeJson(patch.options) : undefined,
      required: patch.required === undefined ? undefined : patch.required ? 1 : 0,
      enabled: patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0,
      updatedAt: nowIso(),
    });
    const after = toField(row);
    await writeAudit(db, actor, {
      action: 'update',
      entity: 'customFields',
      entityId: id,
      changes: diffFields(before, after, ['labelZh', 'labelEn', 'options', 'required', 'sortOrder', 'enabled']),
    });
    return after;
  });
}

export async function deleteCustomField(db: Kysely<DB>, actor: Actor, id: number) {
  await inTransaction(db, async (db) => {
    const before = orNotFound(await repo.findFieldDefinitionById(db, id));
    await repo.deleteFieldDefinition(db, id);
    await writeAudit(db, actor, {
      action: 'delete',
      entity: 'customFields',
      entityId: id,
      detail: { key: before.key },
    });
  });
}

function checkValue(field: CustomField, value: unknown): FieldMessage | null {
  const codes = new Set(field.options.map((o) => o.code));
  switch (field.type) {
    case 'text':
      return typeof value !== 'string'
        ? 'mustBeText'
        : value.length > 1000
          ? { key: 'tooLong', params: { max: 1000 } }
          : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'mustBeNumber';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'invalidDate';
    case 'select':
      return typeof value === 'string' && codes.has(value)
        ? null
        : { key: 'unknownOption', params: { value: String(value) } };
    case 'multiselect':
      if (!Array.isArray(value)) return 'mustBeList';
      return value.every((v) => typeof v === 'string' && codes.has(v))
        ? null
        : { key: 'unknownOption', params: { value: String(value) } };
  }
}

/**
 * Validates custom field values against the definitions of an entity. Empty values clear a field;
 * on create, required fields must be present. Returns the cleaned values.
 */
export async function validateCustomFields(
  db: Kysely<DB>,
  entity: Entity,
  values: Record<string, unknown>,
  previous: Record<string, unknown> | null,
): Promise<Record<string, unknown>> {
  const definitions = (await listCustomFields(db, entity)).filter((f) => f.enabled);
  const byKey = new Map(definitions.map((f) => [f.key, f]));
  const errors: Record<string, FieldMessage> = {};
  const result: Record<string, unknown> = { ...(previous ?? {}) };
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) {
      errors[`customFields.${key}`] = 'unknownField';
      continue;
    }
    if (value === null || value === '' || (Array.isArray(value) && !value.length)) {
      delete result[key];
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) errors[`customFields.${key}`] = problem;
    else result[key] = value;
  }
  for (const field of definitions) {
    if (field.required && (result[field.key] === undefined || result[field.key] === null)) {
      errors[`customFields.${field.key}`] ??= 'required';
    }
  }
  if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', errors);
  return result;
}
