import { type Body, type Lead, type LeadDuplicate, type LeadInput, leadStatuses } from '@relate/common';
import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { DictionarySelect } from '../../components/dictionaries';
import { DuplicatesNotice } from '../../components/DuplicatesNotice';
import { emptyToNull, useMobileRules, usePhoneRules, useRequired } from '../../components/forms';
import { RegionCascader } from '../../components/RegionCascader';
import { addressOf, regionOf, type WithRegion } from '../../components/region';
import { SaveDrawer } from '../../components/SaveDrawer';
import { UserSelect } from '../../components/users';
import { useFindLeadDuplicates, useSaveLead } from './queries';

type LeadValues = WithRegion<Body<typeof LeadInput>>;
const paths = { leads: '/leads', customers: '/customers' } as const;

/** Create or edit a lead; possible duplicates among leads, customers and contacts show before saving. */
export function LeadForm({
  lead,
  open,
  onClose,
  onSaved,
}: {
  lead?: Lead;
  open: boolean;
  onClose: () => void;
  onSaved?: (lead: Lead) => void;
}) {
  const { t } = useTranslation();
  const phoneRules = usePhoneRules();
  const mobileRules = useMobileRules();
  const required = useRequired();
  const { can } = useSession();
  const [form] = Form.useForm();
  const save = useSaveLead();
  const findDuplicates = useFindLeadDuplicates();
  const [duplicates, setDuplicates] = useState<LeadDuplicate[]>([]);
  const status = Form.useWatch('status', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setDuplicates([]);
    if (lead) form.setFieldsValue({ ...lead, region: regionOf(lead) });
  }, [open, lead, form]);

  const checkDuplicates = async () => {
    const { name, company, mobile, phone, email } = form.getFieldsValue([
      'name',
      'company',
      'mobile',
      'phone',
      'email',
    ]);
    if (!company && !mobile && !phone && !email) return setDuplicates([]);
    setDuplicates(
      await findDuplicates.mutateAsync({ name, company, mobile, phone, email, excludeId: lead?.id }).catch(() => []),
    );
  };

  const submit = ({ region, ...values }: LeadValues) =>
    save.mutateAsync({
      id: lead?.id,
      // An unchanged region is not sent: the names the lead was saved with stay, even if a division was renamed since.
      body: emptyToNull({ ...values, ...(lead && !form.isFieldTouched('region') ? {} : addressOf(region)) }),
    });

  return (
    <SaveDrawer
      form={form}
      title={lead ? t('leads.edit') : t('leads.new')}
      open={open}
      onClose={onClose}
      onSave={submit}
      onSaved={onSaved}
      saving={save.isPending}
      saveTestId="lead-save"
      // A new lead opened from a call's screen pop (/leads?new=1&mobile=…) starts with the caller's number.
      initialValues={{
        status: 'new',
        score: 0,
        mobile: new URLSearchParams(window.location.search).get('mobile') ?? undefined,
      }}
      notice={
        <DuplicatesNotice
          message={t('leads.possibleDuplicates')}
          items={duplicates.map((d) => (
            <div key={`${d.entity}-${d.id}-${d.name}`}>
              {t(`leads.duplicateOf.${d.entity}`)}:{' '}
              {d.visible && d.id && d.entity !== 'contacts' ? (
                <a href={`${paths[d.entity as 'leads']}/${d.id}`}>{d.name}</a>
              ) : (
                d.name
              )}
              {d.detail ? ` (${d.detail})` : ''} · {d.ownerName ?? '-'} ·{' '}
              {d.matchedOn.map((m) => t(`leads.fields.${m === 'phone' ? 'mobile' : m}`)).join(', ')}
            </div>
          ))}
        />
      }
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('leads.fields.name')} rules={required.value}>
            <Input autoFocus maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="company" label={t('leads.fields.company')}>
            <Input maxLength={500} onBlur={() => void checkDuplicates()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('leads.fields.title')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="mobile" label={t('leads.fields.mobile')} rules={mobileRules}>
            <Input onBlur={() => void checkDuplicates()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('leads.fields.phone')} rules={phoneRules}>
            <Input onBlur={() => void checkDuplicates()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('leads.fields.email')}>
            <Input type="email" onBlur={() => void checkDuplicates()} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="wechat" label={t('leads.fields.wechat')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="source" label={t('leads.fields.source')}>
            <DictionarySelect type="customer_source" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industry" label={t('leads.fields.industry')}>
            <DictionarySelect type="industry" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="region" label={t('leads.fields.region')}>
            <RegionCascader placeholder={t('customers.regionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('leads.fields.address')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('leads.fields.status')}>
            <Select
              options={leadStatuses
                .filter((s) => s !== 'converted' || lead?.status === 'converted')
                .map((s) => ({ value: s, label: t(`leads.statuses.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="score" label={t('leads.fields.score')}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {can('leads.assign') && (
          <Col xs={24} md={8}>
            <Form.Item name="ownerId" label={t('leads.fields.owner')}>
              <UserSelect placeholder={t('customers.ownerDefault')} />
            </Form.Item>
          </Col>
        )}
        {status === 'disqualified' && (
          <Col span={24}>
            <Form.Item name="disqualifyReason" label={t('leads.fields.disqualifyReason')} rules={required.value}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        )}
        <Col span={24}>
          <Form.Item name="remark" label={t('leads.fields.remark')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Col>
      </Row>
    </SaveDrawer>
  );
}
