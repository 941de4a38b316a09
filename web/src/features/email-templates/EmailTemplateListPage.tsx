import {
  type EmailTemplateCategory,
  type EmailTemplateScope,
  type EmailTemplateSummary,
  emailTemplateCategories,
  emailTemplateScopes,
} from '@relate/common';
import { Button, Card, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DeleteButton } from '../../components/DeleteButton';
import { FilterBar } from '../../components/FilterBar';
import { useErrorReporter } from '../../components/forms';
import { NewButton } from '../../components/NewButton';
import { PagedTable } from '../../components/PagedTable';
import { usePageTitle } from '../../components/usePageTitle';
import { useSearchParamsUpdate } from '../../components/useSearchParamsUpdate';
import { useDeleteEmailTemplate, useDuplicateEmailTemplate, useEmailTemplates } from './queries';

/** 邮件模板: shared templates and my own, by category, each opened in the editor. */
export function EmailTemplateListPage() {
  const { t } = useTranslation();
  usePageTitle(t('emailTemplates.title'));
  const navigate = useNavigate();
  const reportError = useErrorReporter();
  const remove = useDeleteEmailTemplate();
  const duplicate = useDuplicateEmailTemplate();
  const [params, update] = useSearchParamsUpdate({ replace: true });
  const q = params.get('q') || undefined;
  const category = (params.get('category') || undefined) as EmailTemplateCategory | undefined;
  const scope = (params.get('scope') || undefined) as EmailTemplateScope | undefined;
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, isFetching } = useEmailTemplates({
    q,
    category: category ? [category] : undefined,
    scope: scope ? [scope] : undefined,
    page,
    pageSize,
  });
  const columns: TableColumnsType<EmailTemplateSummary> = [
    {
      title: t('emailTemplates.name'),
      dataIndex: 'name',
      render: (v: string, row) => <Link to={`/email-templates/${row.id}`}>{v}</Link>,
    },
    {
      title: t('emailTemplates.category'),
      dataIndex: 'category',
      render: (v: EmailTemplateCategory) => t(`emailTemplates.categories.${v}`),
    },
    {
      title: t('emailTemplates.scope'),
      dataIndex: 'scope',
      render: (v: EmailTemplateScope) => (
        <Tag color={v === 'shared' ? 'blue' : undefined}>{t(`emailTemplates.scopes.${v}`)}</Tag>
      ),
    },
    {
      title: t('emailTemplates.languages'),
      dataIndex: 'languages',
      render: (v: string[]) => v.map((l) => <Tag key={l}>{t(`emailTemplates.languageNames.${l}`)}</Tag>),
    },
    { title: t('emailTemplates.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '-' },
    {
      title: t('emailTemplates.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      render: (_: unknown, row: EmailTemplateSummary) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            data-testid="email-template-duplicate"
            onClick={() =>
              duplicate.mutateAsync(row.id).then((copy) => navigate(`/email-templates/${copy.id}`), reportError)
            }
          >
            {t('emailTemplates.duplicate')}
          </Button>
          {row.editable && (
            <DeleteButton type="link" onConfirm={() => remove.mutateAsync(row.id)} testId="email-template-delete" />
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('emailTemplates.title')}
      extra={
        <NewButton onClick={() => void navigate('/email-templates/new')} data-testid="email-template-new">
          {t('emailTemplates.new')}
        </NewButton>
      }
    >
      <FilterBar style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('emailTemplates.searchPlaceholder')}
          defaultValue={q}
          onSearch={(v) => update({ q: v || undefined, page: undefined })}
          style={{ width: 220 }}
          data-testid="email-template-search"
        />
        <Select
          allowClear
          placeholder={t('emailTemplates.category')}
          style={{ width: 150 }}
          value={category}
          onChange={(v?: string) => update({ category: v, page: undefined })}
          options={emailTemplateCategories.map((c) => ({ value: c, label: t(`emailTemplates.categories.${c}`) }))}
        />
        <Select
          allowClear
          placeholder={t('emailTemplates.scope')}
          style={{ width: 130 }}
          value={scope}
          onChange={(v?: string) => update({ scope: v, page: undefined })}
          options={emailTemplateScopes.map((s) => ({ value: s, label: t(`emailTemplates.scopes.${s}`) }))}
        />
      </FilterBar>
      <PagedTable<EmailTemplateSummary>
        list={data}
        page={page}
        pageSize={pageSize}
        loading={isFetching}
        columns={columns}
        empty={t('emailTemplates.empty')}
        onPageChange={(c) => update({ page: c.page, pageSize: c.pageSize })}
        data-testid="email-template-list"
      />
    </Card>
  );
}
