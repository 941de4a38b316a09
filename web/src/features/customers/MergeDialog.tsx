import type { Customer } from '@relate/common';
import { Alert, App, Checkbox, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { useCustomerSearch } from '../../components/queries';
import { useMergeCustomers } from './queries';

const mergeable = [
  'name',
  'level',
  'creditLevel',
  'stage',
  'industry',
  'source',
  'phone',
  'email',
  'website',
  'address',
  'remark',
] as const;

/** Merges another customer into this one; the user picks which values the other one contributes. */
export function MergeDialog({ open, target, onClose }: { open: boolean; target: Customer; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [sourceId, setSourceId] = useState<number>();
  const [take, setTake] = useState<string[]>([]);
  const candidates = useCustomerSearch(q, { enabled: open });
  const merge = useMergeCustomers();
  const source = candidates.data?.items.find((c) => c.id === sourceId);
  return (
    <Modal
      open={open}
      title={t('customers.merge')}
      okButtonProps={{ disabled: !sourceId, danger: true }}
      onCancel={onClose}
      onOk={async () => {
        try {
          await merge.mutateAsync({ id: target.id, sourceId: sourceId!, takeFromSource: take });
          message.success(t('customers.merged'));
          onClose();
        } catch (error) {
          message.error((error as ApiError).message);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('customers.mergeHint', { name: target.name })} />
        <Select
          style={{ width: '100%' }}
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('customers.mergeSource')}
          value={sourceId}
          onChange={(id) => {
            setSourceId(id);
            setTake([]);
          }}
          options={(candidates.data?.items ?? [])
            .filter((c) => c.id !== target.id)
            .map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
        />
        {source && (
          <>
            <Typography.Text>{t('customers.mergeTake')}</Typography.Text>
            <Checkbox.Group
              value={take}
              onChange={(v) => setTake(v as string[])}
              style={{ display: 'flex', flexDirection: 'column' }}
            >
              {mergeable
                .filter((f) => source[f] && source[f] !== target[f])
                .map((f) => (
                  <Checkbox key={f} value={f}>
                    {t(`customers.fields.${f}`)}: {String(target[f] ?? '∅')} → {String(source[f])}
                  </Checkbox>
                ))}
            </Checkbox.Group>
          </>
        )}
      </Space>
    </Modal>
  );
}
