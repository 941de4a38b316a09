import type { Body, Lead, LeadConvertInput } from '@relate/common';
import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { SaveDialog, type SaveDialogState } from '../../components/SaveDialog';
import { useCustomerSearch } from '../opportunities/queries';
import { useConvertLead } from './queries';
import { useRequired } from '../../components/forms';

type ConvertValues = Omit<Body<typeof LeadConvertInput>, 'opportunity'> & {
  target: 'new' | 'existing';
  opportunity?: { name: string; amount?: number | null; expectedCloseDate?: Dayjs | null };
};

/** Converts a lead into a new customer (named after its company) or links it to an existing one, optionally opening an opportunity. */
export function ConvertLeadDialog({ lead, dialog }: { lead: Lead; dialog: SaveDialogState<never> }) {
  const { t } = useTranslation();
  const required = useRequired();
  const navigate = useNavigate();
  const [form] = Form.useForm<ConvertValues>();
  const convert = useConvertLead();
  const target = Form.useWatch('target', form) ?? 'new';
  const withOpportunity = Form.useWatch('createOpportunity', form) ?? false;
  const { can } = useSession();

  const save = async (values: ConvertValues) => {
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
    const result = await convert.mutateAsync({
      id: lead.id,
      body: {
        ...(values.target === 'new' ? { customerName: values.customerName } : { customerId: values.customerId }),
        createContact: values.createContact,
        ...opportunity,
      },
    });
    void navigate(`/customers/${result.customerId}`);
  };

  return (
    <SaveDialog
      dialog={dialog}
      form={form}
      title={t('leads.convert')}
      initialValues={{
        target: 'new',
        customerName: lead.company ?? lead.name,
        createContact: true,
        createOpportunity: false,
        opportunity: { name: t('leads.opportunityNameDefault', { name: lead.name }) },
      }}
      onSave={save}
      savedMessage={t('leads.converted')}
      saveTestId="convert-confirm"
      okText={t('leads.convert')}
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
        <Form.Item name="customerName" label={t('customers.fields.name')} rules={required.value}>
          <Input maxLength={200} />
        </Form.Item>
      ) : (
        <Form.Item name="customerId" label={t('leads.existingCustomer')} rules={required.value}>
          <ExistingCustomerSelect firstSearch={lead.company ?? lead.name} />
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
          <Form.Item name={['opportunity', 'name']} label={t('leads.opportunityName')} rules={required.value}>
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
    </SaveDialog>
  );
}

/** Searches the customers to link the lead to, starting with the lead's company. */
function ExistingCustomerSelect({
  firstSearch,
  ...field
}: {
  firstSearch: string;
  id?: string;
  value?: number;
  onChange?: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(firstSearch);
  const customers = useCustomerSearch(search, search.trim().length > 0);
  return (
    <Select
      {...field}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={customers.isFetching}
      options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
      notFoundContent={t('common.noMatches')}
    />
  );
}
