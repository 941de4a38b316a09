import type { Customer, Lead, Page } from '@relate/common';
import { useQuery } from '@tanstack/react-query';
import { App, type ButtonProps, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { useErrorReporter } from '../../components/forms';
import { useConvertLead } from './queries';

/** Converts a lead into a new customer (named after its company) or links it to an existing one, optionally opening an opportunity. */
export function ConvertLeadDialog({ lead, open, onClose }: { lead: Lead; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const convert = useConvertLead();
  const target = Form.useWatch('target', form) ?? 'new';
  const withOpportunity = Form.useWatch('createOpportunity', form) ?? false;
  const { can } = useSession();
  const [search, setSearch] = useState(lead.company ?? lead.name);
  const customers = useQuery({
    queryKey: ['customers', 'list', { q: search, pageSize: 20 }],
    queryFn: () => api.get<Page<Customer>>('/api/v1/customers', { q: search, pageSize: 20 }),
    enabled: open && target === 'existing' && search.trim().length > 0,
  });

  type Values = {
    target: 'new' | 'existing';
    customerName?: string;
    customerId?: number;
    createContact: boolean;
    createOpportunity: boolean;
    opportunity?: { name: string; amount?: number | null; expectedCloseDate?: Dayjs | null };
  };
  const submit = async (values: Values) => {
    const opportunity =
      values.createOpportunity && values.opportunity && can('opportunities.create')
        ? {
            createOpportunity: true,
            opportunity: {
              name: values.opportunity.name,
              amount:
                values.opportunity.amount === null || values.opportunity.amount === undefined
                  ? null
                  : values.opportunity.amount.toFixed(2),
              expectedCloseDate: values.opportunity.expectedCloseDate
                ? values.opportunity.expectedCloseDate.format('YYYY-MM-DD')
                : null,
            },
          }
        : {};
    try {
      const result = await convert.mutateAsync({
        id: lead.id,
        values: {
          ...(values.target === 'new' ? { customerName: values.customerName } : { customerId: values.customerId }),
          createContact: values.createContact,
          ...opportunity,
        },
      });
      message.success(t('leads.converted'));
      onClose();
      void navigate(`/customers/${result.customerId}`);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Modal
      title={t('leads.convert')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={convert.isPending}
      okButtonProps={{ 'data-testid': 'convert-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          target: 'new',
          customerName: lead.company ?? lead.name,
          createContact: true,
          createOpportunity: false,
          opportunity: { name: t('leads.opportunityNameDefault', { name: lead.name }) },
        }}
      >
        <Form.Item name="target">
          <Radio.Group
            options={[
              { value: 'new', label: t('leads.convertToNew') },
              { value: 'existing', label: t('leads.convertToExisting') },
            ]}
          />
        </Form.Item>
        {target === 'new' ? (
          <Form.Item
            name="customerName"
            label={t('customers.fields.name')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        ) : (
          <Form.Item
            name="customerId"
            label={t('leads.existingCustomer')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={customers.isFetching}
              options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
              notFoundContent={t('common.noMatches')}
            />
          </Form.Item>
        )}
        <Form.Item name="createContact" valuePropName="checked">
          <Checkbox>{t('leads.createContact', { name: lead.name })}</Checkbox>
        </Form.Item>
        {can('opportunities.create') && (
          <Form.Item name="createOpportunity" valuePropName="checked">
            <Checkbox data-testid="convert-create-opportunity">{t('leads.createOpportunity')}</Checkbox>
          </Form.Item>
        )}
        {withOpportunity && can('opportunities.create') && (
          <>
            <Form.Item
              name={['opportunity', 'name']}
              label={t('leads.opportunityName')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name={['opportunity', 'amount']} label={t('opportunities.fields.amount')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name={['opportunity', 'expectedCloseDate']} label={t('opportunities.fields.expectedCloseDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
