import { PlusOutlined } from '@ant-design/icons';
import type { BillingProfile, BillingProfileInput, Body } from '@relate/common';
import { Button, Checkbox, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { emptyToNull, usePhoneRules, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useBillingProfiles, useDeleteBillingProfile, useSaveBillingProfile } from './queries';

/** A customer's billing profiles (开票信息): title, taxpayer number, address and phone, bank; one is the default. */
export function BillingProfilesTab({ customerId, editable }: { customerId: number; editable: boolean }) {
  const { t } = useTranslation();
  const phoneRules = usePhoneRules();
  const required = useRequired();
  const { data, isLoading } = useBillingProfiles(customerId);
  const save = useSaveBillingProfile(customerId);
  const remove = useDeleteBillingProfile();
  const dialog = useSaveDialog<BillingProfile>();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {editable && (
        <Button icon={<PlusOutlined />} onClick={dialog.openNew} data-testid="billing-profile-new">
          {t('invoicing.profiles.new')}
        </Button>
      )}
      <Table<BillingProfile>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('invoicing.profiles.empty') }}
        columns={[
          {
            title: t('invoicing.profiles.title'),
            dataIndex: 'title',
            render: (title: string, p) => (
              <Space>
                {editable ? <a onClick={() => dialog.openEdit(p)}>{title}</a> : title}
                {p.isDefault && <Tag color="blue">{t('invoicing.profiles.default')}</Tag>}
              </Space>
            ),
          },
          { title: t('invoicing.profiles.taxId'), dataIndex: 'taxId' },
          { title: t('invoicing.profiles.address'), dataIndex: 'address' },
          { title: t('invoicing.profiles.phone'), dataIndex: 'phone' },
          { title: t('invoicing.profiles.bankName'), dataIndex: 'bankName' },
          { title: t('invoicing.profiles.bankAccount'), dataIndex: 'bankAccount' },
          ...(editable
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, p: BillingProfile) => (
                    <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutateAsync(p.id)}>
                      <Button type="link" danger size="small">
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SaveDialog<BillingProfile, Body<typeof BillingProfileInput>>
        dialog={dialog}
        title={{ create: t('invoicing.profiles.new'), edit: t('invoicing.profiles.edit') }}
        toValues={(p) => p}
        initialValues={{ isDefault: false }}
        onSave={(values, record) => save.mutateAsync({ id: record?.id, body: emptyToNull(values) })}
        saveTestId="billing-profile-save"
        width={560}
      >
        <Form.Item name="title" label={t('invoicing.profiles.title')} rules={required.text}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="taxId" label={t('invoicing.profiles.taxId')} extra={t('invoicing.profiles.taxIdHint')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label={t('invoicing.profiles.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="phone" label={t('invoicing.profiles.phone')} rules={phoneRules}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="bankName" label={t('invoicing.profiles.bankName')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="bankAccount" label={t('invoicing.profiles.bankAccount')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="isDefault" valuePropName="checked">
          <Checkbox>{t('invoicing.profiles.makeDefault')}</Checkbox>
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}
