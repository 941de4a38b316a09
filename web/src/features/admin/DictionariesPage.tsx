import type { Body, DictionaryOption, DictionaryOptionInput, DictionaryType } from '@relate/common';
import { dictionaryTypes } from '@relate/common';
import { ColorPicker, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionary } from '../../components/dictionaries';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useDeleteDictionaryOption, useSaveDictionaryOption } from './queries';
import { useRequired } from '../../components/forms';
import { BilingualLabelFields } from './BilingualLabelFields';
import { usePageTitle } from '../../components/usePageTitle';

/** The form's values: the colour picker gives a colour object once the user picks one. */
type OptionValues = Omit<Body<typeof DictionaryOptionInput>, 'color'> & {
  color?: string | { toHexString: () => string } | null;
};

export function DictionariesPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.dictionaries'));
  const required = useRequired();
  const [type, setType] = useState<DictionaryType>('customer_level');
  const { data = [], isLoading } = useDictionary(type);
  const saveOption = useSaveDictionaryOption();
  const deleteOption = useDeleteDictionaryOption();
  const dialog = useSaveDialog<DictionaryOption>();

  const save = (values: OptionValues, option: DictionaryOption | null) => {
    const color = values.color && typeof values.color === 'object' ? values.color.toHexString() : values.color;
    return saveOption.mutateAsync({ type, id: option?.id, body: { ...values, color: color || null } });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.dictionaries')}
        </Typography.Title>
        <Space wrap>
          <Select
            value={type}
            onChange={setType}
            style={{ width: 220 }}
            options={dictionaryTypes.map((d) => ({ value: d, label: t(`dictionaries.types.${d}`) }))}
          />
          <NewButton onClick={dialog.openNew}>{t('dictionaries.newOption')}</NewButton>
        </Space>
      </div>
      <Table<DictionaryOption>
        rowKey="id"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('dictionaries.code'), dataIndex: 'code' },
          {
            title: t('dictionaries.labelZh'),
            dataIndex: 'labelZh',
            render: (label, row) => <Tag color={row.color ?? undefined}>{label}</Tag>,
          },
          { title: t('dictionaries.labelEn'), dataIndex: 'labelEn' },
          { title: t('common.sortOrder'), dataIndex: 'sortOrder' },
          {
            title: t('dictionaries.enabled'),
            dataIndex: 'enabled',
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
          editDeleteColumn<DictionaryOption>({
            type: 'link',
            onEdit: dialog.openEdit,
            onDelete: (row) => deleteOption.mutateAsync({ type, id: row.id }),
          }),
        ]}
      />
      <SaveDialog<DictionaryOption, OptionValues>
        dialog={dialog}
        title={{ create: t('dictionaries.newOption'), edit: t('dictionaries.editOption') }}
        initialValues={{
          code: '',
          labelZh: '',
          labelEn: '',
          sortOrder: (data.length + 1) * 10,
          enabled: true,
          color: null,
        }}
        onSave={save}
      >
        <Form.Item name="code" label={t('dictionaries.code')} rules={required.value}>
          <Input disabled={!dialog.isNew} />
        </Form.Item>
        <BilingualLabelFields />
        <Space>
          <Form.Item name="sortOrder" label={t('common.sortOrder')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="color" label={t('dictionaries.color')}>
            <ColorPicker allowClear format="hex" />
          </Form.Item>
          <Form.Item name="enabled" label={t('dictionaries.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </SaveDialog>
    </Space>
  );
}
