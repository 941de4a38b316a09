import type { Body, OpportunityDetail, OpportunityInput } from '@relate/common';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDrawer } from '../../components/SaveDrawer';
import { UserSelect } from '../../components/users';
import { CampaignSelect } from '../campaigns/CampaignSelect';
import { useContactsOfCustomer, useCustomerSearch, usePipelines, useSaveOpportunity } from './queries';
import { usePipelineName } from './pipeline-name';
import { useStageLabel } from './StageLabel';

type OpportunityValues = Omit<Body<typeof OpportunityInput>, 'amount' | 'expectedCloseDate' | 'contacts'> & {
  amount?: number | null;
  expectedCloseDate?: Dayjs | null;
  contactIds?: number[];
};

/** Create or edit an opportunity: customer, pipeline and stage, amount, close date and the people involved. */
export function OpportunityForm({
  opportunity,
  customer,
  open,
  onClose,
  onSaved,
}: {
  opportunity?: OpportunityDetail;
  customer?: { id: number; name: string };
  open: boolean;
  onClose: () => void;
  onSaved?: (o: OpportunityDetail) => void;
}) {
  const { t } = useTranslation();
  const required = useRequired();
  const { can } = useSession();
  const [form] = Form.useForm();
  const save = useSaveOpportunity();
  const pipelines = usePipelines();
  const pipelineName = usePipelineName();
  const stageLabel = useStageLabel();
  const [search, setSearch] = useState('');
  const customerId = Form.useWatch('customerId', form);
  const pipelineId = Form.useWatch('pipelineId', form);
  const customers = useCustomerSearch(search, open && !customer && !opportunity);
  const contacts = useContactsOfCustomer(customerId, open);
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const fallback = pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
    if (opportunity) {
      form.setFieldsValue({
        ...opportunity,
        amount: opportunity.amount ? Number(opportunity.amount) : null,
        expectedCloseDate: opportunity.expectedCloseDate ? dayjs(opportunity.expectedCloseDate) : null,
        contactIds: opportunity.contacts.map((c) => c.contactId),
      });
    } else {
      form.setFieldsValue({
        customerId: customer?.id,
        pipelineId: fallback?.id,
        stageId: fallback?.stages.find((s) => s.kind === 'open')?.id,
      });
    }
  }, [open, opportunity, customer, pipelines.data, form]);

  const submit = ({ expectedCloseDate, contactIds, amount, ...rest }: OpportunityValues) => {
    const body = emptyToNull({
      ...rest,
      amount: amount === null || amount === undefined ? null : amount.toFixed(2),
      expectedCloseDate: expectedCloseDate ? expectedCloseDate.format('YYYY-MM-DD') : null,
      contacts: (contactIds ?? []).map((contactId) => ({
        contactId,
        role: opportunity?.contacts.find((c) => c.contactId === contactId)?.role ?? null,
      })),
    });
    return save.mutateAsync({ id: opportunity?.id, body });
  };

  return (
    <SaveDrawer
      form={form}
      title={opportunity ? t('opportunities.edit') : t('opportunities.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      onSaved={onSaved}
      saving={save.isPending}
      saveTestId="opportunity-save"
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('opportunities.fields.name')} rules={required.value}>
            <Input autoFocus maxLength={200} data-testid="opportunity-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="customerId" label={t('opportunities.fields.customer')} rules={required.value}>
            {customer || opportunity ? (
              <Select
                disabled
                options={[
                  {
                    value: customer?.id ?? opportunity?.customerId,
                    label: customer?.name ?? opportunity?.customerName,
                  },
                ]}
              />
            ) : (
              <Select
                showSearch
                filterOption={false}
                onSearch={setSearch}
                loading={customers.isFetching}
                options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                data-testid="opportunity-customer"
              />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contactIds" label={t('opportunities.fields.contacts')}>
            <Select
              mode="multiple"
              allowClear
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="pipelineId" label={t('opportunities.fields.pipeline')}>
            <Select
              options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: pipelineName(p) }))}
              onChange={(id) =>
                form.setFieldValue(
                  'stageId',
                  pipelines.data?.find((p) => p.id === id)?.stages.find((s) => s.kind === 'open')?.id,
                )
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="stageId" label={t('opportunities.fields.stage')}>
            <Select
              options={(pipeline?.stages ?? []).map((s) => ({
                value: s.id,
                label: `${stageLabel(s.code)} (${s.probability}%)`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="amount" label={t('opportunities.fields.amount')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="opportunity-amount" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="expectedCloseDate" label={t('opportunities.fields.expectedCloseDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="probability"
            label={t('opportunities.fields.probability')}
            tooltip={t('opportunities.probabilityHint')}
          >
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="source" label={t('opportunities.fields.source')}>
            <DictionarySelect type="customer_source" />
          </Form.Item>
        </Col>
        {can('campaigns.view') && (
          <Col xs={24} md={12}>
            <Form.Item name="campaignId" label={t('campaigns.memberships.source')}>
              <CampaignSelect />
            </Form.Item>
          </Col>
        )}
        {can('opportunities.assign') && (
          <Col xs={24} md={12}>
            <Form.Item name="ownerId" label={t('opportunities.fields.owner')}>
              <UserSelect placeholder={t('customers.ownerDefault')} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="nextStep" label={t('opportunities.fields.nextStep')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="lostReason" label={t('opportunities.fields.lostReason')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}
