import type { RenderedEmail } from '@relate/common';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../components/forms';
import { useEmailTemplates, useRenderEmailTemplate } from './queries';

/**
 * "Insert template" in the compose dialog: a search over the templates I may use, the one chosen rendered
 * for the record the email is written from (a contact: in their language; a customer). Marketing templates are
 * offered when writing to a contact only.
 */
export function TemplatePicker({
  record,
  onRendered,
}: {
  record?: { entity: 'customers' | 'contacts' | 'leads'; id: number };
  onRendered: (name: string, rendered: RenderedEmail) => void;
}) {
  const { t } = useTranslation();
  const reportError = useErrorReporter();
  const [q, setQ] = useState('');
  // A marketing template goes to a contact only: its unsubscribe link is the contact's.
  const toContact = record?.entity === 'contacts';
  const templates = useEmailTemplates({
    q: q || undefined,
    pageSize: 20,
    category: toContact ? undefined : ['transactional', 'service'],
  });
  const render = useRenderEmailTemplate();
  const items = templates.data?.items ?? [];
  return (
    <Select
      showSearch
      value={null}
      style={{ minWidth: 260 }}
      placeholder={t('emailTemplates.insertPlaceholder')}
      filterOption={false}
      onSearch={setQ}
      loading={templates.isFetching || render.isPending}
      options={items.map((i) => ({
        value: i.id,
        label: `${i.name} · ${t(`emailTemplates.categories.${i.category}`)}`,
      }))}
      onChange={(id: number) => {
        const name = items.find((i) => i.id === id)?.name ?? '';
        render
          .mutateAsync({
            id,
            contactId: record?.entity === 'contacts' ? record.id : undefined,
            customerId: record?.entity === 'customers' ? record.id : undefined,
          })
          .then((rendered) => onRendered(name, rendered), reportError);
      }}
      data-testid="compose-template"
    />
  );
}
