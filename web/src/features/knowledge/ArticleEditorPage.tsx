import { type ArticleInput, articleVisibilities, type Body } from '@relate/common';
import { Button, Card, Col, Form, Input, Row, Select, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { DictionarySelect } from '../../components/dictionaries';
import { emptyToNull, useErrorReporter, useRequired } from '../../components/forms';
import { useArticle, useSaveArticle } from './queries';
import { RichTextEditor } from './RichTextEditor';
import { usePageTitle } from '../../components/usePageTitle';

/** The text is left out while the editor has not been touched. */
type ArticleValues = Omit<Body<typeof ArticleInput>, 'body'> & { body?: string };

/** Writes or edits an article; each save is a new version. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const required = useRequired();
  const navigate = useNavigate();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const [form] = Form.useForm();
  const reportError = useErrorReporter(form);
  const existing = useArticle(id);
  usePageTitle(existing.data?.title ?? (id ? undefined : t('knowledge.new')), t('nav.knowledge'));
  const saveArticle = useSaveArticle();
  useEffect(() => {
    if (existing.data) form.setFieldsValue(existing.data);
  }, [existing.data, form]);
  const save = async (values: ArticleValues) => {
    try {
      const body = emptyToNull({ ...values, body: values.body ?? '', tags: values.tags ?? [] });
      const saved = await saveArticle.mutateAsync({ id, body });
      void navigate(`/kb/${saved.id}`);
    } catch (error) {
      reportError(error);
    }
  };
  if (id && existing.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Card title={id ? t('knowledge.edit') : t('knowledge.new')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ visibility: 'internal', tags: [] }}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="title" label={t('knowledge.fields.title')} rules={required.text}>
              <Input maxLength={200} autoFocus data-testid="article-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="category" label={t('knowledge.fields.category')}>
              <DictionarySelect type="kb_category" allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="tags" label={t('knowledge.fields.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="visibility" label={t('knowledge.fields.visibility')} extra={t('knowledge.visibilityHint')}>
              <Select
                options={articleVisibilities.map((v) => ({ value: v, label: t(`knowledge.visibilities.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="body" label={t('knowledge.fields.body')}>
              <RichTextEditor />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button onClick={() => navigate(id ? `/kb/${id}` : '/kb')}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saveArticle.isPending} data-testid="article-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
