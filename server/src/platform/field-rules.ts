import type { ScopedModule } from '@relate/common';
import type { Actor } from './actor.ts';
import { AppError, type FieldMessage } from './errors.ts';

/** Fields of a module the caller may not see (removed from replies and exports). */
export function hiddenFields(actor: Actor, module: ScopedModule): string[] {
  const prefix = `${module}.`;
  return Object.entries(actor.fieldRules)
    .filter(([key, level]) => key.startsWith(prefix) && level === 'hidden')
    .map(([key]) => key.slice(prefix.length));
}

export function withoutHiddenFields<T extends Record<string, unknown>>(record: T, hidden: string[]): T {
  if (!hidden.length) return record;
  const copy = { ...record };
  for (const field of hidden) delete copy[field];
  return copy;
}

/** Rejects a write that would change a field the caller may only read (or not see at all). */
export function assertWritableFields(
  actor: Actor,
  module: ScopedModule,
  input: Record<string, unknown>,
  before: Record<string, unknown> | null,
): void {
  const prefix = `${module}.`;
  const errors: Record<string, FieldMessage> = {};
  for (const [key, level] of Object.entries(actor.fieldRules)) {
    if (!key.startsWith(prefix) || !level) continue;
    const field = key.slice(prefix.length);
    if (!(field in input)) continue;
    const next = input[field] ?? null;
    const current = before ? (before[field] ?? null) : null;
    if (next !== current) errors[field] = 'readonlyField';
  }
  if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', errors);
}
