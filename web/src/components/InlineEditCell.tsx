import type { DictionaryType } from '@relate/common';
import { Input, Select, Space, Typography } from 'antd';
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { useDictionary, useDictionaryLabel } from './dictionaries';

type Option = { value: string; label: ReactNode };

/**
 * A list cell edited where it stands: a click (or Enter) opens a text box or a choice, Enter or leaving
 * it saves through `onSave` (the record's own update), Escape puts the value back. A refused value
 * stays in the box with the server's message under it; the record keeps its old value.
 */
export function InlineEditCell({
  value,
  display,
  field,
  options,
  editable = true,
  onSave,
}: {
  value: string | null | undefined;
  /** What the cell shows when it is not being edited (the value by default). */
  display?: ReactNode;
  /** The field's name in the API, whose message the server gives when it refuses the value. */
  field: string;
  /** The choices, for a field with a fixed set of values; a text box otherwise. */
  options?: Option[];
  editable?: boolean;
  onSave: (value: string | null) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<string | null>(value ?? null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Whether the editor is open, read by its handlers: a box that closes (Escape, saved) may still report
  // leaving it, which must not save again.
  const active = useRef(false);
  const busy = useRef(false);

  const shown = display ?? (value || <Typography.Text type="secondary">-</Typography.Text>);
  if (!editable) return <>{shown}</>;

  const open = () => {
    active.current = true;
    setDraft(value ?? null);
    setError(null);
    setEditing(true);
  };
  const cancel = () => {
    active.current = false;
    setEditing(false);
    setError(null);
  };
  const save = async (next: string | null) => {
    const normalized = typeof next === 'string' && !options ? next.trim() || null : next;
    if (!active.current || busy.current) return;
    if (normalized === (value ?? null)) return cancel();
    busy.current = true;
    setSaving(true);
    try {
      await onSave(normalized);
      cancel();
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? (failure.fields[field] ?? failure.message)
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      busy.current = false;
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    }
  };

  if (!editing)
    return (
      <div
        role="button"
        tabIndex={0}
        className="inline-edit-cell"
        title={t('bulk.inlineHint')}
        data-testid={`inline-${field}`}
        style={{ cursor: 'pointer', minHeight: 22, minWidth: 48 }}
        onClick={open}
        onKeyDown={(event) => {
          if (event.key === 'Enter') open();
        }}
      >
        {shown}
      </div>
    );

  const editor = options ? (
    <Select
      autoFocus
      defaultOpen
      size="small"
      style={{ minWidth: 120 }}
      value={draft ?? undefined}
      options={options}
      loading={saving}
      status={error ? 'error' : undefined}
      data-testid={`inline-${field}-input`}
      onChange={(next: string) => {
        setDraft(next);
        void save(next);
      }}
      onBlur={() => {
        if (!saving && !error) cancel();
      }}
      onKeyDown={onKeyDown}
    />
  ) : (
    <Input
      autoFocus
      size="small"
      style={{ minWidth: 140 }}
      value={draft ?? ''}
      readOnly={saving}
      status={error ? 'error' : undefined}
      data-testid={`inline-${field}-input`}
      onChange={(event) => {
        setDraft(event.target.value);
        setError(null);
      }}
      onPressEnter={() => void save(draft)}
      onBlur={() => void save(draft)}
      onKeyDown={onKeyDown}
    />
  );
  return (
    <Space direction="vertical" size={2}>
      {editor}
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`inline-${field}-error`}>
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}

/** A dictionary's enabled options, labelled in the user's language, for a cell edited in place. */
export function useDictionaryOptions(type: DictionaryType): Option[] {
  const { data = [] } = useDictionary(type);
  const label = useDictionaryLabel(type);
  return data.filter((o) => o.enabled).map((o) => ({ value: o.code, label: label(o.code) }));
}
