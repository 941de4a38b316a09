import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Popover, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedFilter } from './api';
import { useSavedFilters, useSaveFilter } from './queries';

/** A user's named filter sets for a list: pick one to apply it, or save the current filters. */
export function SavedFilters({
  entity,
  current,
  onApply,
}: {
  entity: SavedFilter['entity'];
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [open, setOpen] = useState(false);
  const saved = useSavedFilters(entity);
  const saveFilter = useSaveFilter();
  const save = () =>
    saveFilter.mutate(
      { entity, name, query: current },
      {
        onSuccess: () => {
          setOpen(false);
          setName('');
          message.success(t('common.saved'));
        },
      },
    );
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
              onPressEnter={() => name && save()}
            />
            <Button type="primary" disabled={!name} onClick={save}>
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
