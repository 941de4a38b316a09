import type { Body, CustomField, CustomFieldInput } from '@relate/common';
import { customFieldTypes } from '@relate/common';
import { Button, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useCustomFields, useDeleteCustomField, useSaveCustomField } from './queries';
import { useRequired } from '../../components/forms';
import { BilingualLabelFields } from './BilingualLabelFields';
import { usePageTitle } from '../../components/usePageTitle';

type FieldValues = Body<typeof CustomFieldInput>;

export function CustomFieldsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.customFields'));
  const required = useRequired();
  const { locale } = useSession();
  const fields = useCustomFields();
  const saveField = useSaveCustomField();
  const deleteField = useDeleteCustomField();
  const dialog = useSaveDialog<CustomField>();
  const [form] = Form.useForm<FieldValues>();
  const type = Form.useWatch('type', form);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.customFields')}
        </Typography.Title>
        <NewButton onClick={dialog.openNew}>{t('customFields.new')}</NewButton>
      </div>
      <Table<CustomField>
        rowKey="id"
        loading={fields.isLoading}
        dataSource={fields.data ?? []}
        pagination={false}
        columns={[
          { title: t('customFields.entity'), dataIndex: 'entity', render: (e) => t(`permissions.modules.${e}`) },
          { title: t('customFields.key'), dataIndex: 'key' },
          { title: t('customFields.label'), render: (_, f) => (locale === 'en' ? f.labelEn : f.labelZh) },
          { title: t('customFields.type'), dataIndex: 'type', render: (v) => t(`customFields.types.${v}`) },
          {
            title: t('customFields.required'),
            dataIndex: 'required',
            render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
          },
          editDeleteColumn<CustomField>({
            type: 'link',
            onEdit: dialog.openEdit,
            onDelete: (row) => deleteField.mutateAsync(row.id),
          }),
        ]}
      />
      <SaveDialog<CustomField, FieldValues>
        dialog={dialog}
        form={form}
        title={{ create: t('customFields.new'), edit: t('customFields.edit') }}
        initialValues={{
          entity: 'customers',
          type: 'text',
          key: '',
          labelZh: '',
          labelEn: '',
          options: [],
          required: false,
          enabled: true,
          sortOrder: 0,
        }}
        onSave={(values, field) => saveField.mutateAsync({ id: field?.id, body: values })}
        width={640}
      >
        <Space wrap>
          <Form.Item name="entity" label={t('customFields.entity')}>
            <Select
              disabled={!dialog.isNew}
              style={{ width: 140 }}
              options={['customers', 'contacts'].map((e) => ({ value: e, label: t(`permissions.modules.${e}`) }))}
            />
          </Form.Item>
          <Form.Item name="key" label={t('customFields.key')} rules={required.value}>
            <Input disabled={!dialog.isNew} />
          </Form.Item>
          <Form.Item name="type" label={t('customFields.type')}>
            <Select
              disabled={!dialog.isNew}
              style={{ width: 140 }}
              options={customFieldTypes.map((v) => ({ value: v, label: t(`customFields.types.${v}`) }))}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <BilingualLabelFields />
        </Space>
        {(type === 'select' || type === 'multiselect') && (
          <Form.List name="options">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="baseline">
                    <Form.Item name={[item.name, 'code']} rules={required.value}>
                      <Input placeholder={t('dictionaries.code')} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'labelZh']} rules={required.value}>
                      <Input placeholder={t('dictionaries.labelZh')} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'labelEn']} rules={required.value}>
                      <Input placeholder={t('dictionaries.labelEn')} />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(item.name)}>
                      {t('common.remove')}
                    </Button>
                  </Space>
                ))}
                <Button type="dashed" block onClick={() => add()} style={{ marginBottom: 16 }}>
                  {t('dictionaries.newOption')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        <Space>
          <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="enabled" label={t('dictionaries.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('common.sortOrder')}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
      </SaveDialog>
    </Space>
  );
}
