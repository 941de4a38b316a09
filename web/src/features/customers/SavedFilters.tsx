import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';

type SavedFilter = { id: number; name: string; query: Record<string, string> };

/** A user's named filter sets for a list: pick one to apply it, or save the current filters. */
export function SavedFilters({
  entity,
  current,
  onApply,
}: {
  entity: 'customers' | 'contacts';
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const saved = useQuery({
    queryKey: ['saved-filters', entity],
    queryFn: () => api.get<SavedFilter[]>('/api/v1/saved-filters', { entity }),
  });
  const save = useMutation({
    mutationFn: () => api.post('/api/v1/saved-filters', { entity, name, query: current }),
    onSuccess: () => {
      setOpen(false);
      setName('');
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['saved-filters', entity] });
    },
  });
  return (
    <Space.Compact>
      <Select
        placeholder={t('savedFilters.choose')}
        style={{ width: 160 }}
        allowClear
        options={(saved.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
        onChange={(id) => onApply(saved.data?.find((f) => f.id === id)?.query ?? {})}
      />
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <Space.Compact>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('savedFilters.name')}
              onPressEnter={() => name && save.mutate()}
            />
            <Button type="primary" disabled={!name} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
          </Space.Compact>
        }
      >
        <Button icon={<SaveOutlined />} aria-label={t('savedFilters.save')} disabled={!Object.keys(current).length} />
      </Popover>
    </Space.Compact>
  );
}
