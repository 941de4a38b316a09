import type { z } from 'zod';
import { AppError, type FieldMessage } from './errors.ts';

type Issue = z.core.$ZodIssue;

/** Where the input holds a NUL character, which no text column can store (PostgreSQL refuses it outright). */
function pathOfNul(data: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof data === 'string') return data.includes('\u0000') ? path : null;
  if (data === null || typeof data !== 'object' || depth > 20) return null;
  for (const [key, value] of Object.entries(data)) {
    if (key.includes('\u0000')) return [...path, key.replaceAll('\u0000', '')];
    const found = pathOfNul(value, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Parses input with a zod schema; failures become VALIDATION_FAILED with one message key per field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const nul = pathOfNul(data);
  if (nul)
    throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', {
      [nul.length ? nul.join('.') : '_']: 'invalidCharacters',
    });
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', 'VALIDATION_FAILED', issuesToFields(result.error.issues, data));
}

export function issuesToFields(issues: Issue[], data: unknown): Record<string, FieldMessage> {
  const fields: Record<string, FieldMessage> = {};
  for (const issue of issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const field = path.length ? path.map(String).join('.') : '_';
      fields[field] ??= messageFor(issue, valueAt(data, path), field);
    }
  }
  return fields;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function messageFor(issue: Issue, value: unknown, field: string): FieldMessage {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null) return 'required';
      if (issue.expected === 'number' || issue.expected === 'int') return 'mustBeNumber';
      if (issue.expected === 'string') return 'mustBeText';
      if (issue.expected === 'array') return 'mustBeList';
      if (issue.expected === 'boolean') return 'mustBeYesNo';
      return 'invalid';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'required' : { key: 'tooShort', params: { min: Number(issue.minimum) } };
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'required' : 'invalid';
      return { key: 'tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'tooLong', params: { max: Number(issue.maximum) } };
      return { key: 'tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      // A schema's own message key (`.regex(pattern, 'invalidPeriod')`) says more than the format's.
      if (/^[a-z][A-Za-z]+$/.test(issue.message)) return issue.message;
      if (issue.format === 'email') return 'invalidEmail';
      if (issue.format === 'date' || issue.format === 'datetime') return 'invalidDate';
      if (/phone|mobile/i.test(field)) return 'invalidPhone';
      return 'invalid';
    case 'invalid_value':
      return { key: 'notAllowedValue', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return 'unknownField';
    case 'custom':
      return issue.message || 'invalid';
    default:
      return 'invalid';
  }
}
