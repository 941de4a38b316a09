import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type WebForm,
  type WebFormField,
  type WebFormFieldKey,
  webFormConsentChannels,
  webFormFieldKeys,
} from '@relate/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session';
import { CampaignSelect } from '../campaigns/CampaignSelect';
import { DictionarySelect } from '../../components/dictionaries';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { useDeleteWebForm, useSaveWebForm, useWebForm, useWebFormSubmissions } from './queries';

type Values = Omit<WebForm, 'id' | 'submissionCount' | 'createdAt' | 'updatedAt' | 'campaignName' | 'consent'> & {
  consentOn: boolean;
  consentChannels: Array<(typeof webFormConsentChannels)[number]>;
  consentTextZh?: string;
  consentTextEn?: string;
  origins?: string;
};

/** Builds a web-to-lead form: settings, fields in order, a preview, the embed snippet and the submissions. */
/** Text safe inside a double-quoted HTML attribute of the snippet pasted into another site. */
const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function WebFormBuilderPage() {
  const { id } = useParams();
  const formId = id && id !== 'new' ? Number(id) : undefined;
  const { t } = useTranslation();
  const { data: saved } = useWebForm(formId);
  usePageTitle(saved?.name ?? t('webForms.new'), t('webForms.title'));
  if (formId && !saved) return null;
  return (
    <Tabs
      items={[
        { key: 'build', label: t('webForms.build'), children: <Builder saved={saved} /> },
        ...(saved
          ? [
              {
                key: 'submissions',
                label: `${t('webForms.submissions')} (${saved.submissionCount})`,
                children: <Submissions formId={saved.id} />,
              },
            ]
          : []),
      ]}
    />
  );
}

function defaultField(key: WebFormFieldKey, t: (key: string) => string, en: (key: string) => string): WebFormField {
  return { key, labelZh: t(key), labelEn: en(key), required: key === 'name', helpZh: null, helpEn: null };
}

function Builder({ saved }: { saved?: WebForm }) {
  const { t, i18n } = useTranslation();
  const zhLabel = (key: string) => i18n.getFixedT('zh-CN')(`webForms.leadFields.${key}`);
  const enLabel = (key: string) => i18n.getFixedT('en')(`webForms.leadFields.${key}`);
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const required = useRequired();
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const save = useSaveWebForm();
  const remove = useDeleteWebForm();
  const [fields, setFields] = useState<WebFormField[]>(
    saved?.fields ?? (['name', 'company', 'mobile', 'email'] as const).map((k) => defaultField(k, zhLabel, enLabel)),
  );
  useEffect(() => {
    if (saved) setFields(saved.fields);
  }, [saved]);
  const values = Form.useWatch([], form);
  const move = (index: number, by: number) =>
    setFields((all) => {
      const next = [...all];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const change = (index: number, patch: Partial<WebFormField>) =>
    setFields((all) => all.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const unused = webFormFieldKeys.filter((key) => !fields.some((f) => f.key === key));
  const submit = async (v: Values) => {
    try {
      const body = {
        name: v.name,
        slug: v.slug,
        active: v.active,
        titleZh: v.titleZh,
        titleEn: v.titleEn,
        introZh: v.introZh ?? null,
        introEn: v.introEn ?? null,
        fields,
        consent: v.consentOn
          ? { channels: v.consentChannels ?? [], textZh: v.consentTextZh ?? '', textEn: v.consentTextEn ?? '' }
          : null,
        thankYouZh: v.thankYouZh ?? null,
        thankYouEn: v.thankYouEn ?? null,
        redirectUrl: v.redirectUrl ?? null,
        allowedOrigins: (v.origins ?? '').split(/[\s,]+/).filter(Boolean),
        campaignId: v.campaignId ?? null,
        leadSource: v.leadSource ?? null,
      };
      const result = await save.mutateAsync({ id: saved?.id, body });
      message.success(t('common.saved'));
      if (!saved) void navigate(`/web-forms/${result.id}`, { replace: true });
    } catch (error) {
      reportError(error);
    }
  };
  const address = `${window.location.origin}/f/${values?.slug || saved?.slug || ''}`;
  const iframe = `<iframe src="${address}" style="width:100%;max-width:640px;height:760px;border:0" title="${escapeAttribute(values?.titleZh ?? '')}"></iframe>`;
  const script = `<div id="relate-form-${values?.slug ?? ''}"></div>\n<script>(function(){var q=new URLSearchParams(location.search),p=new URLSearchParams();['utm_source','utm_medium','utm_campaign','utm_term','utm_content'].forEach(function(k){if(q.get(k))p.set(k,q.get(k))});p.set('referrer',document.referrer);var f=document.createElement('iframe');f.src='${address}?'+p;f.style.cssText='width:100%;max-width:640px;height:760px;border:0';document.getElementById('relate-form-${values?.slug ?? ''}').appendChild(f)})();</script>`;
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    message.success(t('webForms.copied'));
  };
  const readOnly = !can('webForms.manage');
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={readOnly}
      onFinish={submit}
      initialValues={{
        name: saved?.name,
        slug: saved?.slug,
        active: saved?.active ?? true,
        titleZh: saved?.titleZh,
        titleEn: saved?.titleEn,
        introZh: saved?.introZh,
        introEn: saved?.introEn,
        thankYouZh: saved?.thankYouZh,
        thankYouEn: saved?.thankYouEn,
        redirectUrl: saved?.redirectUrl,
        campaignId: saved?.campaignId,
        leadSource: saved?.leadSource ?? 'web_form',
        origins: saved?.allowedOrigins.join('\n'),
        consentOn: Boolean(saved?.consent),
        consentChannels: saved?.consent?.channels ?? ['email', 'sms'],
        consentTextZh: saved?.consent?.textZh ?? i18n.getFixedT('zh-CN')('webForms.consentDefault'),
        consentTextEn: saved?.consent?.textEn ?? i18n.getFixedT('en')('webForms.consentDefault'),
      }}
    >
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('webForms.settings')} size="small">
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('webForms.fields.name')} rules={required.text}>
                  <Input maxLength={200} data-testid="wf-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="slug"
                  label={t('webForms.fields.slug')}
                  rules={required.text}
                  extra={t('webForms.slugHelp')}
                >
                  <Input addonBefore="/f/" maxLength={60} data-testid="wf-slug" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="titleZh" label={t('webForms.fields.titleZh')} rules={required.text}>
                  <Input maxLength={200} data-testid="wf-title-zh" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="titleEn" label={t('webForms.fields.titleEn')} rules={required.text}>
                  <Input maxLength={200} data-testid="wf-title-en" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="thankYouZh" label={t('webForms.fields.thankYouZh')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="thankYouEn" label={t('webForms.fields.thankYouEn')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="redirectUrl" label={t('webForms.fields.redirectUrl')}>
                  <Input maxLength={500} placeholder="https://" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="origins" label={t('webForms.fields.allowedOrigins')} extra={t('webForms.originsHelp')}>
                  <Input.TextArea rows={2} placeholder="https://www.example.com" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="campaignId" label={t('webForms.fields.campaign')}>
                  <CampaignSelect
                    current={saved?.campaignId ? { id: saved.campaignId, name: saved.campaignName ?? '' } : null}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="leadSource" label={t('webForms.fields.leadSource')}>
                  <DictionarySelect type="customer_source" allowClear />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="active" label={t('webForms.fields.active')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('webForms.formFields')} size="small" style={{ marginTop: 16 }}>
            {fields.map((field, index) => (
              <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid={`wf-field-${field.key}`}>
                <Space wrap align="start">
                  <Typography.Text strong style={{ minWidth: 80, display: 'inline-block' }}>
                    {t(`webForms.leadFields.${field.key}`)}
                  </Typography.Text>
                  <Input
                    value={field.labelZh}
                    onChange={(e) => change(index, { labelZh: e.target.value })}
                    addonBefore="中"
                    style={{ width: 180 }}
                  />
                  <Input
                    value={field.labelEn}
                    onChange={(e) => change(index, { labelEn: e.target.value })}
                    addonBefore="EN"
                    style={{ width: 180 }}
                  />
                  <Checkbox
                    checked={field.required}
                    disabled={readOnly || field.key === 'name'}
                    onChange={(e) => change(index, { required: e.target.checked })}
                    data-testid={`wf-required-${field.key}`}
                  >
                    {t('webForms.required')}
                  </Checkbox>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={readOnly || index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={t('webForms.up')}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={readOnly || index === fields.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={t('webForms.down')}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={readOnly || field.key === 'name'}
                    onClick={() => setFields((all) => all.filter((_, i) => i !== index))}
                    aria-label={t('common.remove')}
                  />
                </Space>
                <Space wrap style={{ marginTop: 8 }}>
                  <Input
                    value={field.helpZh ?? ''}
                    onChange={(e) => change(index, { helpZh: e.target.value || null })}
                    placeholder={t('webForms.helpZh')}
                    style={{ width: 260 }}
                  />
                  <Input
                    value={field.helpEn ?? ''}
                    onChange={(e) => change(index, { helpEn: e.target.value || null })}
                    placeholder={t('webForms.helpEn')}
                    style={{ width: 260 }}
                  />
                </Space>
              </Card>
            ))}
            {unused.length > 0 && !readOnly && (
              <Select<WebFormFieldKey>
                placeholder={
                  <>
                    <PlusOutlined /> {t('webForms.addField')}
                  </>
                }
                value={null as unknown as WebFormFieldKey}
                style={{ width: 240 }}
                options={unused.map((key) => ({ value: key, label: t(`webForms.leadFields.${key}`) }))}
                onChange={(key) => setFields((all) => [...all, defaultField(key, zhLabel, enLabel)])}
                data-testid="wf-add-field"
              />
            )}
            <Form.Item name="consentOn" valuePropName="checked" style={{ marginTop: 16, marginBottom: 8 }}>
              <Checkbox data-testid="wf-consent">{t('webForms.consentBox')}</Checkbox>
            </Form.Item>
            {values?.consentOn && (
              <>
                <Form.Item name="consentChannels" label={t('webForms.consentChannels')}>
                  <Checkbox.Group
                    options={webFormConsentChannels.map((c) => ({ value: c, label: t(`webForms.channels.${c}`) }))}
                  />
                </Form.Item>
                <Form.Item name="consentTextZh" label={t('webForms.fields.consentTextZh')} rules={required.text}>
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item name="consentTextEn" label={t('webForms.fields.consentTextEn')} rules={required.text}>
                  <Input maxLength={500} />
                </Form.Item>
              </>
            )}
          </Card>
          {!readOnly && (
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="wf-save">
                {t('common.save')}
              </Button>
              {saved && (
                <Button
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('common.deleteConfirm'),
                      onOk: async () => {
                        await remove.mutateAsync(saved.id);
                        void navigate('/web-forms');
                      },
                    })
                  }
                >
                  {t('common.delete')}
                </Button>
              )}
            </Space>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('webForms.preview')} size="small">
            <Typography.Title level={5}>{i18n.language === 'en' ? values?.titleEn : values?.titleZh}</Typography.Title>
            {fields.map((field) => (
              <div key={field.key} style={{ marginBottom: 8 }}>
                <Typography.Text>
                  {field.required && <span style={{ color: '#ff4d4f' }}>* </span>}
                  {i18n.language === 'en' ? field.labelEn : field.labelZh}
                </Typography.Text>
                <Input disabled size="small" />
                {(i18n.language === 'en' ? field.helpEn : field.helpZh) && (
                  <Typography.Text type="secondary">
                    {i18n.language === 'en' ? field.helpEn : field.helpZh}
                  </Typography.Text>
                )}
              </div>
            ))}
            {values?.consentOn && (
              <Checkbox disabled>{i18n.language === 'en' ? values.consentTextEn : values.consentTextZh}</Checkbox>
            )}
          </Card>
          {saved && (
            <Card title={t('webForms.embed')} size="small" style={{ marginTop: 16 }}>
              <Typography.Paragraph>
                <Link to={`/f/${saved.slug}`} target="_blank">
                  {address}
                </Link>
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('webForms.embedIframe')}</Typography.Text>
              <Input.TextArea readOnly rows={3} value={iframe} data-testid="wf-iframe" />
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() => copy(iframe)}
                style={{ margin: '4px 0 12px' }}
                disabled={false}
              >
                {t('webForms.copy')}
              </Button>
              <br />
              <Typography.Text type="secondary">{t('webForms.embedScript')}</Typography.Text>
              <Input.TextArea readOnly rows={4} value={script} />
              <Button
                size="small"
                icon={<CopyOutlined />}
                onClick={() => copy(script)}
                style={{ marginTop: 4 }}
                disabled={false}
              >
                {t('webForms.copy')}
              </Button>
            </Card>
          )}
        </Col>
      </Row>
    </Form>
  );
}

function Submissions({ formId }: { formId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useWebFormSubmissions(formId, { page, pageSize: 20 });
  return (
    <Table
      rowKey="id"
      size="small"
      loading={isFetching}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        {
          title: t('webForms.lead'),
          dataIndex: 'leadName',
          render: (name, s) => (s.leadId ? <Link to={`/leads/${s.leadId}`}>{name}</Link> : '—'),
        },
        {
          title: t('webForms.newOrUpdated'),
          dataIndex: 'createdLead',
          render: (v) => (v ? t('webForms.newLead') : t('webForms.updatedLead')),
        },
        { title: t('webForms.owner'), dataIndex: 'ownerName' },
        { title: t('webForms.consent'), dataIndex: 'consent', render: (v) => (v ? t('common.yes') : t('common.no')) },
        { title: 'utm_source', dataIndex: 'utmSource' },
        { title: 'utm_medium', dataIndex: 'utmMedium' },
        { title: 'utm_campaign', dataIndex: 'utmCampaign' },
        { title: t('webForms.referrer'), dataIndex: 'referrer' },
      ]}
    />
  );
}
