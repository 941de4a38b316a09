import { isValidMobile, isValidPhone } from '@relate/common';
import { App, type FormInstance } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type dayjs from 'dayjs';
import { ApiError } from '../app/api';

/** Puts the server's field messages next to the fields; returns the message for errors with no field. */
export function showServerErrors(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const entries = Object.entries(error.fields);
  if (entries.length) {
    const path = (name: string) => name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    form.setFields(entries.map(([name, message]) => ({ name: path(name), errors: [message] })));
    // A message about something the form has no field for (the list as a whole, a field it does not show)
    // is said in words, not as "some fields are not valid" with nothing marked.
    const unplaced = entries.filter(
      ([name]) => !form.getFieldInstance(path(name)) && !form.getFieldInstance(name.split('.')),
    );
    return unplaced.length ? unplaced.map(([, message]) => message).join(' · ') : null;
  }
  return error.message;
}

/** Reports a failed save: field messages on the form, anything else as a toast. */
export function useErrorReporter(form?: FormInstance) {
  const { message } = App.useApp();
  return (error: unknown) => {
    const text = form ? showServerErrors(form, error) : error instanceof Error ? error.message : String(error);
    if (text) message.error(text);
  };
}

/** Empty strings become null so that clearing a field clears it on the server. */
export function emptyToNull<T extends object>(values: T): T & Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v])) as T &
    Record<string, unknown>;
}

/** A date picker's value as the API takes a date ("2026-12-05"), or null when the field is empty. */
export const dateValue = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : null);

/** The "required" rules of a form field, with the message in the user's language: `text` also refuses blanks. */
export function useRequired() {
  const { t } = useTranslation();
  return useMemo(() => {
    const message = t('validation.required');
    return { value: [{ required: true, message }], text: [{ required: true, whitespace: true, message }] };
  }, [t]);
}

/**
 * The rule of a telephone field: a mobile (11 digits, +86 or not), a landline with its area code and
 * extension, 400/800, or +country — the forms the server accepts (common/phone.ts); empty is allowed.
 */
export function usePhoneRules() {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        validator: (_: unknown, value: unknown) =>
          typeof value !== 'string' || !value.trim() || isValidPhone(value)
            ? Promise.resolve()
            : Promise.reject(new Error(t('validation.phone'))),
      },
    ],
    [t],
  );
}

/** A mobile field's rules: a Chinese mobile, or +country (common/phone.ts `isValidMobile`). */
export function useMobileRules() {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        validator: (_: unknown, value: unknown) =>
          typeof value !== 'string' || !value.trim() || isValidMobile(value)
            ? Promise.resolve()
            : Promise.reject(new Error(t('validation.mobile'))),
      },
    ],
    [t],
  );
}
