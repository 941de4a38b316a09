import { type DictionaryOption, type DictionaryType, dictionaryTypes } from '@relate/common';
import type { Kysely, Selectable } from 'kysely';
import type { DB, DictionaryOptionTable } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { diffFields, writeAudit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import * as repo from './dictionaries.repository.ts';
import { dictionarySeed } from './dictionaries.seed.ts';
import { type DictionaryLookup, dictionaryLookupOf, type LookupOption } from './dictionary-lookup.ts';
import { inTransaction } from '../../platform/context.ts';

function toOption(row: Selectable<DictionaryOptionTable>): DictionaryOption {
  return { ...row, enabled: Boolean(row.enabled) };
}

export async function listDictionaryOptions(db: Kysely<DB>, type: DictionaryType): Promise<DictionaryOption[]> {
  return (await repo.listOptions(db, type)).map(toOption);
}

type OptionInput = {
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder?: number;
  color?: string | null;
  enabled?: boolean;
};

export async function createDictionaryOption(db: Kysely<DB>, actor: Actor, type: DictionaryType, input: OptionInput) {
  return inTransaction(db, async (db) => {
    if (await repo.findOptionByCode(db, type, input.code)) throw fieldError('code', 'codeTaken');
    const row = await repo.insertOption(db, {
      type,
      code: input.code,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      sortOrder: input.sortOrder ?? 0,
      color: input.color ?? null,
      enabled: input.enabled === false ? 0 : 1,
    });
    await writeAudit(db, actor, {
      action: 'create',
      entity: 'dictionaryOptions',
      entityId: row.id,
      detail: { type, code: row.code },
    });
    return toOption(row);
  });
}

export async function updateDictionaryOption(
  db: Kysely<DB>,
  actor: Actor,
  type: DictionaryType,
  id: number,
  patch: Partial<Omit<OptionInput, 'code'>>,
) {
  return inTransaction(db, async (db) => {
    const before = await repo.findOption(db, type, id);
    if (!before) throw notFound();
    const values = { ...patch, enabled: patch.enabled === undefined ? undefined : patch.enabled ? 1 : 0 };
    // A patch that changes nothing leaves the option (and the audit log) as it is.
    if (Object.values(values).every((value) => value === undefined)) return toOption(before);
    const row = await repo.updateOption(db, id, values);
    const changes = diffFields(toOption(before), toOption(row), [
      'labelZh',
      'labelEn',
      'sortOrder',
      'color',
      'enabled',
    ]);
    await writeAudit(db, actor, { action: 'update', entity: 'dictionaryOptions', entityId: id, changes });
    return toOption(row);
  });
}

export async function deleteDictionaryOption(db: Kysely<DB>, actor: Actor, type: DictionaryType, id: number) {
  await inTransaction(db, async (db) => {
    const before = await repo.findOption(db, type, id);
    if (!before) throw notFound();
    await repo.deleteOption(db, id);
    await writeAudit(db, actor, {
      action: 'delete',
      entity: 'dictionaryOptions',
      entityId: id,
      detail: { type, code: before.code },
    });
  });
}

/** Installs the bilingual defaults for every dictionary type that has no options yet. */
export async function seedDictionaries(db: Kysely<DB>): Promise<void> {
  for (const type of dictionaryTypes) {
    const existing = await repo.listOptions(db, type);
    if (existing.length) continue;
    await repo.insertOptions(
      db,
      dictionarySeed[type].map(([code, labelZh, labelEn, color], index) => ({
        type,
        code,
        labelZh,
        labelEn,
        color: color ?? null,
        sortOrder: (index + 1) * 10,
        enabled: 1,
      })),
    );
  }
}

/** The options of some dictionaries as the plain data a lookup is built from (in another thread, say). */
export async function loadLookupOptions(db: Kysely<DB>, types: DictionaryType[]): Promise<LookupOption[]> {
  return (await repo.listOptionsOfTypes(db, types)).map(({ type, code, labelZh, labelEn, enabled }) => ({
    type,
    code,
    labelZh,
    labelEn,
    enabled,
  }));
}

/** The labels of every option of every dictionary (type, code and both languages). */
export function allDictionaryLabels(db: Kysely<DB>) {
  return repo.listAllLabels(db);
}

export async function loadDictionaryLookup(db: Kysely<DB>, types: DictionaryType[]): Promise<DictionaryLookup> {
  return dictionaryLookupOf(await loadLookupOptions(db, types));
}

/** Rejects dictionary fields whose value is not an enabled option code. */
export async function assertDictionaryCodes(
  db: Kysely<DB>,
  values: object,
  typeOf: Record<string, DictionaryType>,
): Promise<void> {
  const present = Object.entries(values).filter(([field, v]) => field in typeOf && typeof v === 'string') as Array<
    [string, string]
  >;
  if (!present.length) return;
  const rows = await repo.listOptionsOfTypes(
    db,
    present.map(([field]) => typeOf[field]),
  );
  const fields: Record<string, { key: string; params: Record<string, string> }> = {};
  for (const [field, code] of present) {
    if (!rows.some((row) => row.type === typeOf[field] && row.code === code && row.enabled)) {
      fields[field] = { key: 'unknownOption', params: { value: code } };
    }
  }
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', fields);
}
