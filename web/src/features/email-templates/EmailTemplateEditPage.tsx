import { DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import {
  type EmailTemplateCategory,
  emailTemplateCategories,
  type EmailTemplateScope,
  emailTemplateScopes,
  type Locale,
  locales,
  mergeFields,
} from '@relate/common';
import type { Editor } from '@tiptap/react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { CustomerPicker } from '../../components/CustomerPicker';
import { useErrorReporter, useRequired } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { RichTextEditor } from '../knowledge/RichTextEditor';
import { useEmailPreview, useEmailTemplate, useSaveEmailTemplate } from './queries';

type VersionValues = { subject?: string; body?: string };
type Values = {
  name: string;
  category: EmailTemplateCategory;
  scope: EmailTemplateScope;
  defaultLanguage: Locale;
  description?: string | null;
  languages: Locale[];
  v: Partial<Record<Locale, VersionValues>>;
};

/** Preview widths: a desktop mail client's reading pane and a phone's screen. */
const widths = { desktop: 680, phone: 375 } as const;

/** Writes or edits an email template: a version per language, merge fields, and a preview at desktop and phone widths. */
export function EmailTemplateEditPage() {
  const { t } = useTranslation();
  const required = useRequired();
  const navigate = useNavigate();
  const { can } = useSession();
  const params = useParams();
  const id = params.id && params.id !== 'new' ? Number(params.id) : null;
  const existing = useEmailTemplate(id);
  usePageTitle(existing.data?.name ?? (id ? undefined : t('emailTemplates.new')), t('emailTemplates.title'));
  const [form] = Form.useForm<Values>();
  const reportError = useErrorReporter(form);
  const save = useSaveEmailTemplate();
  const [active, setActive] = useState<Locale>('zh-CN');
  const [width, setWidth] = useState<keyof typeof widths>('desktop');
  const [customerId, setCustomerId] = useState<number | undefined>();
  const editors = useRef<Partial<Record<Locale, Editor>>>({});
  const target = useRef<'subject' | 'body'>('body');
  const watchedLanguages = Form.useWatch('languages', form);
  const languages = useMemo<Locale[]>(() => watchedLanguages ?? ['zh-CN'], [watchedLanguages]);
  const category = Form.useWatch('category', form) ?? 'marketing';
  const version = Form.useWatch(['v', active], form) as VersionValues | undefined;
  const editable = !existing.data || existing.data.editable;

  useEffect(() => {
    if (!existing.data) return;
    const t0 = existing.data;
    form.setFieldsValue({
      name: t0.name,
      category: t0.category,
      scope: t0.scope,
      defaultLanguage: t0.defaultLanguage,
      description: t0.description,
      languages: t0.versions.map((v) => v.language),
      v: Object.fromEntries(t0.versions.map((v) => [v.language, { subject: v.subject, body: v.body }])),
    });
    setActive(t0.defaultLanguage);
  }, [existing.data, form]);
  useEffect(() => {
    if (!languages.includes(active) && languages.length) setActive(languages[0]!);
  }, [languages, active]);

  const preview = useEmailPreview(
    languages.includes(active)
      ? {
          category,
          language: active,
          subject: version?.subject ?? '',
          body: version?.body ?? '',
          customerId: customerId ?? null,
        }
      : null,
  );

  const insert = (path: string) => {
    const text = `{{ ${path} }}`;
    const editor = editors.current[active];
    if (target.current === 'subject' || !editor) {
      const current = (form.getFieldValue(['v', active, 'subject']) as string | undefined) ?? '';
      form.setFieldValue(['v', active, 'subject'], `${current}${text}`);
    } else {
      editor.chain().focus().insertContent(text).run();
    }
  };
  const onEditor = useCallback(
    (lang: Locale) => (editor: Editor) => {
      editors.current[lang] = editor;
      editor.on('focus', () => {
        target.current = 'body';
      });
    },
    [],
  );
  const editorHandlers = useRef<Partial<Record<Locale, (e: Editor) => void>>>({});
  const handlerFor = (lang: Locale) => (editorHandlers.current[lang] ??= onEditor(lang));

  const submit = async (values: Values) => {
    const chosen = locales.filter((l) => values.languages.includes(l));
    const versions = chosen.map((language) => ({
      language,
      subject: values.v?.[language]?.subject ?? '',
      body: values.v?.[language]?.body ?? '',
    }));
    try {
      const saved = await save.mutateAsync({
        id,
        body: {
          name: values.name,
          category: values.category,
          scope: values.scope,
          defaultLanguage: values.defaultLanguage,
          description: values.description || null,
          versions,
        },
      });
      if (!id) void navigate(`/email-templates/${saved.id}`, { replace: true });
    } catch (error) {
      // The API names a version by its place in the list sent; the form by its language.
      if (error instanceof ApiError)
        for (const key of Object.keys(error.fields)) {
          const match = /^versions\.(\d+)\.(subject|body)$/.exec(key);
          if (match) {
            const language = chosen[Number(match[1])];
            error.fields[`v.${language}.${match[2]}`] = error.fields[key]!;
            delete error.fields[key];
            if (language) setActive(language);
          }
        }
      reportError(error);
    }
  };

  if (id && existing.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const fieldOptions = mergeFields.map((group) => ({
    label: t(`emailTemplates.fieldGroups.${group.group}`),
    options: group.paths.map((path) => ({
      value: path,
      label: `${t(`emailTemplates.mergeFields.${path}`)}  {{ ${path} }}`,
    })),
  }));
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={!editable}
      initialValues={{
        category: 'marketing',
        scope: can('emailTemplates.manage') ? 'shared' : 'personal',
        defaultLanguage: 'zh-CN',
        languages: ['zh-CN', 'en'],
        v: { 'zh-CN': { subject: '', body: '' }, en: { subject: '', body: '' } },
      }}
    >
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card
            title={id ? t('emailTemplates.edit') : t('emailTemplates.new')}
            extra={
              <Space>
                <Button onClick={() => void navigate('/email-templates')} disabled={false}>
                  {t('common.back')}
                </Button>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="email-template-save">
                  {t('common.save')}
                </Button>
              </Space>
            }
          >
            {!editable && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('emailTemplates.readOnly')} />
            )}
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label={t('emailTemplates.name')} rules={required.text}>
                  <Input maxLength={200} data-testid="email-template-name" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="category" label={t('emailTemplates.category')}>
                  <Select
                    options={emailTemplateCategories.map((c) => ({
                      value: c,
                      label: t(`emailTemplates.categories.${c}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="scope" label={t('emailTemplates.scope')}>
                  <Select
                    options={emailTemplateScopes.map((s) => ({
                      value: s,
                      label: t(`emailTemplates.scopes.${s}`),
                      disabled: s === 'shared' && !can('emailTemplates.manage'),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="languages" label={t('emailTemplates.languages')} rules={required.value}>
                  <Checkbox.Group
                    options={locales.map((l) => ({ value: l, label: t(`emailTemplates.languageNames.${l}`) }))}
                    data-testid="email-template-languages"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="defaultLanguage"
                  label={t('emailTemplates.defaultLanguage')}
                  extra={t('emailTemplates.defaultLanguageHint')}
                >
                  <Select options={locales.map((l) => ({ value: l, label: t(`emailTemplates.languageNames.${l}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              label={t('emailTemplates.insertField')}
              extra={t('emailTemplates.defaultHint', {
                example: `{{ contact.name | default: "${t('emailTemplates.defaultExample')}" }}`,
              })}
            >
              <Select
                showSearch
                value={null}
                placeholder={t('emailTemplates.insertFieldPlaceholder')}
                optionFilterProp="label"
                options={fieldOptions}
                onChange={(path: string) => insert(path)}
                data-testid="merge-field-picker"
              />
            </Form.Item>
            <Tabs
              activeKey={active}
              onChange={(key) => setActive(key as Locale)}
              items={locales
                .filter((l) => languages.includes(l))
                .map((lang) => ({
                  key: lang,
                  label: t(`emailTemplates.languageNames.${lang}`),
                  forceRender: true,
                  children: (
                    <>
                      <Form.Item
                        name={['v', lang, 'subject']}
                        label={t('emailTemplates.subject')}
                        rules={required.text}
                      >
                        <Input
                          maxLength={500}
                          onFocus={() => {
                            target.current = 'subject';
                          }}
                          data-testid={`email-template-subject-${lang}`}
                        />
                      </Form.Item>
                      <Form.Item name={['v', lang, 'body']} label={t('emailTemplates.body')}>
                        <RichTextEditor onEditor={handlerFor(lang)} />
                      </Form.Item>
                    </>
                  ),
                }))}
            />
            <Form.Item name="description" label={t('emailTemplates.description')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={t('emailTemplates.preview')}
            extra={
              <Segmented
                value={width}
                onChange={(v) => setWidth(v as keyof typeof widths)}
                disabled={false}
                options={[
                  { value: 'desktop', icon: <DesktopOutlined />, label: t('emailTemplates.desktop') },
                  { value: 'phone', icon: <MobileOutlined />, label: t('emailTemplates.phone') },
                ]}
                data-testid="preview-width"
              />
            }
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text type="secondary">{t('emailTemplates.previewFor')}</Typography.Text>
                <div style={{ minWidth: 240 }}>
                  <CustomerPicker value={customerId} onChange={setCustomerId} />
                </div>
                {customerId && (
                  <Button size="small" type="link" disabled={false} onClick={() => setCustomerId(undefined)}>
                    {t('emailTemplates.sampleData')}
                  </Button>
                )}
              </Space>
              {preview.error ? (
                <Alert
                  type="error"
                  showIcon
                  message={
                    (preview.error instanceof ApiError && Object.values(preview.error.fields).join(' · ')) ||
                    (preview.error as Error).message
                  }
                  data-testid="preview-error"
                />
              ) : (
                <Typography.Text strong data-testid="preview-subject">
                  {preview.data?.subject}
                </Typography.Text>
              )}
              <div style={{ overflowX: 'auto' }}>
                <iframe
                  title={t('emailTemplates.preview')}
                  sandbox=""
                  srcDoc={preview.data?.html ?? ''}
                  data-testid="preview-frame"
                  data-width={width}
                  style={{
                    width: widths[width],
                    height: 560,
                    border: '1px solid #d9d9d9',
                    borderRadius: width === 'phone' ? 16 : 4,
                    display: 'block',
                    margin: '0 auto',
                    background: '#fff',
                  }}
                />
              </div>
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                <Typography.Text type="secondary" strong>
                  {t('emailTemplates.plainText')}
                </Typography.Text>
                {'\n'}
                <span data-testid="preview-text">{preview.data?.text}</span>
              </Typography.Paragraph>
            </Space>
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
