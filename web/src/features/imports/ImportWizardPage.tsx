import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { type DuplicateMode, type ImportPreview, importsApi } from './api';
import { useImportStatus, usePreviewImport, useStartImport } from './queries';
import { usePageTitle } from '../../components/usePageTitle';
import { type DraftValueMap, UnknownValues, valueMapOf } from './UnknownValues';

/**
 * Upload → check the column mapping and choose what unknown dictionary values become → run with a
 * progress bar → result with the rejected rows.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale, can } = useSession();
  const navigate = useNavigate();
  const param = useParams().entity;
  const entity = param === 'contacts' || param === 'leads' || param === 'products' ? param : 'customers';
  usePageTitle(t(`imports.title.${entity}`));
  // Only customers can be updated from a file; for the others a duplicate is skipped or created anew.
  const duplicateModes =
    entity === 'customers' ? (['skip', 'update', 'create'] as const) : (['skip', 'create'] as const);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [valueDraft, setValueDraft] = useState<DraftValueMap>({});
  // Only the answer to the latest re-check of the values counts when the mapping changes quickly.
  const latestCheck = useRef(0);
  const [duplicates, setDuplicates] = useState<DuplicateMode>('skip');
  const [dryRun, setDryRun] = useState(false);
  const [assignByRules, setAssignByRules] = useState(false);
  const [importId, setImportId] = useState<number | null>(null);
  const previewImport = usePreviewImport();
  const startImport = useStartImport();
  const status = useImportStatus(entity, importId).data ?? null;
  const step = status ? 2 : preview ? 1 : 0;

  const upload = async (chosen: File) => {
    try {
      const result = await previewImport.mutateAsync({ entity, file: chosen });
      setFile(chosen);
      setPreview(result);
      setMapping(Object.fromEntries(result.columns.map((c) => [c.header, c.field])));
      setValueDraft({});
    } catch (error) {
      message.error((error as ApiError).message + ' ' + Object.values((error as ApiError).fields ?? {}).join(' '));
    }
  };

  const isDictionaryField = (key: string | null | undefined) =>
    Boolean(key && preview?.fields.find((f) => f.key === key)?.dictionary);

  /** Maps a column to a field; when a dictionary column comes or goes, its unknown values are read again. */
  const changeMapping = async (header: string, field: string | null) => {
    const next = { ...mapping, [header]: field };
    setMapping(next);
    if (!file || !(isDictionaryField(mapping[header]) || isDictionaryField(field))) return;
    const check = ++latestCheck.current;
    try {
      const result = await previewImport.mutateAsync({ entity, file, mapping: next });
      if (check === latestCheck.current)
        setPreview((current) => current && { ...current, unknownValues: result.unknownValues });
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };

  const start = async () => {
    if (!preview) return;
    const valueMap = valueMapOf(valueDraft, preview.unknownValues);
    try {
      const { id } = await startImport.mutateAsync({
        entity,
        run: { file: file!, mapping, valueMap, duplicates, dryRun, assignByRules },
      });
      setImportId(id);
    } catch (error) {
      message.error([(error as ApiError).message, ...Object.values((error as ApiError).fields ?? {})].join(' '));
    }
  };

  const fieldLabel = (key: string) => {
    const field = preview?.fields.find((f) => f.key === key);
    return field ? (locale === 'en' ? field.en : field.zh) : key;
  };
  const missingRequired = preview?.fields.filter((f) => f.required && !Object.values(mapping).includes(f.key)) ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t(`imports.title.${entity}`)}
      </Typography.Title>
      <Steps
        current={step}
        items={[
          { title: t('imports.steps.upload') },
          { title: t('imports.steps.mapping') },
          { title: t('imports.steps.result') },
        ]}
      />
      {step === 0 && (
        <Card>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button icon={<DownloadOutlined />} onClick={() => importsApi.downloadTemplate(entity)}>
              {t('imports.template')}
            </Button>
            <Upload.Dragger
              accept=".xlsx,.xls,.csv"
              showUploadList={false}
              beforeUpload={(chosen) => (void upload(chosen), false)}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('imports.drop')}</p>
              <p style={{ color: '#888' }}>{t('imports.formats')}</p>
            </Upload.Dragger>
          </Space>
        </Card>
      )}
      {step === 1 && preview && (
        <Card>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Typography.Text>{t('imports.rowsFound', { count: preview.total, file: file?.name })}</Typography.Text>
            <Table
              size="small"
              rowKey="header"
              pagination={false}
              dataSource={preview.columns}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('imports.column'), dataIndex: 'header' },
                {
                  title: t('imports.sample'),
                  render: (_, __, i) =>
                    preview.sample
                      .slice(0, 3)
                      .map((r) => r[i])
                      .filter(Boolean)
                      .join(' · '),
                },
                {
                  title: t('imports.field'),
                  render: (_, column) => (
                    <Select
                      style={{ width: 180 }}
                      allowClear
                      placeholder={t('imports.ignore')}
                      value={mapping[column.header] ?? undefined}
                      onChange={(value?: string) => void changeMapping(column.header, value ?? null)}
                      options={preview.fields.map((f) => ({
                        value: f.key,
                        label: `${fieldLabel(f.key)}${f.required ? ' *' : ''}`,
                      }))}
                    />
                  ),
                },
              ]}
            />
            {previewImport.isPending ? (
              <Space>
                <Spin size="small" />
                <span>{t('importValues.checking')}</span>
              </Space>
            ) : (
              <UnknownValues
                unknown={preview.unknownValues}
                fieldLabel={fieldLabel}
                canAddOptions={preview.canAddOptions}
                draft={valueDraft}
                onChange={setValueDraft}
              />
            )}
            {missingRequired.length > 0 && (
              <Alert
                type="warning"
                showIcon
                message={t('imports.missing', { fields: missingRequired.map((f) => fieldLabel(f.key)).join(', ') })}
              />
            )}
            <Space wrap>
              <Typography.Text>{t('imports.duplicates')}</Typography.Text>
              <Radio.Group
                value={duplicates}
                onChange={(e) => setDuplicates(e.target.value)}
                optionType="button"
                options={duplicateModes.map((v) => ({ value: v, label: t(`imports.duplicateModes.${v}`) }))}
              />
              <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
                {t('imports.dryRun')}
              </Checkbox>
              {entity === 'leads' && can('leads.assign') && (
                <Checkbox checked={assignByRules} onChange={(e) => setAssignByRules(e.target.checked)}>
                  {t('assignmentRules.importOption')}
                </Checkbox>
              )}
            </Space>
            <Space>
              <Button onClick={() => setPreview(null)}>{t('common.back')}</Button>
              <Button
                type="primary"
                disabled={missingRequired.length > 0 || previewImport.isPending}
                loading={startImport.isPending}
                onClick={() => void start()}
              >
                {t('imports.start')}
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {step === 2 && status && (
        <Card>
          {status.status === 'running' ? (
            status.reading ? (
              // The total is still growing while the file is read, so the share written is not yet known.
              <Space>
                <Spin size="small" />
                <span>{t('imports.readingFile', { processed: status.processed, total: status.total })}</span>
              </Space>
            ) : (
              <Progress percent={Math.round((status.processed / Math.max(status.total, 1)) * 100)} />
            )
          ) : status.status === 'failed' ? (
            <Result status="error" title={t('imports.failed')} subTitle={status.error} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              <Result
                status={status.rejected.length ? 'warning' : 'success'}
                title={status.dryRun ? t('imports.dryRunDone') : t('imports.done')}
                style={{ padding: 8 }}
              />
              <Space size="large" wrap data-testid="import-result">
                <Statistic title={t('imports.counts.total')} value={status.total} />
                <Statistic title={t('imports.counts.created')} value={status.created} />
                <Statistic title={t('imports.counts.updated')} value={status.updated} />
                <Statistic title={t('imports.counts.skipped')} value={status.skipped} />
                <Statistic title={t('imports.counts.rejected')} value={status.rejected.length} />
              </Space>
              {status.rejected.length > 0 && (
                <>
                  <Button icon={<DownloadOutlined />} onClick={() => importsApi.downloadRejected(status.id)}>
                    {t('imports.downloadRejected')}
                  </Button>
                  <Table
                    size="small"
                    rowKey={(r) => `${r.row}-${r.column}`}
                    dataSource={status.rejected}
                    pagination={{ pageSize: 10 }}
                    columns={[
                      { title: t('imports.row'), dataIndex: 'row', width: 80 },
                      { title: t('imports.column'), dataIndex: 'column', width: 160 },
                      { title: t('imports.reason'), dataIndex: 'message' },
                    ]}
                  />
                </>
              )}
              <Space>
                <Button
                  onClick={() => {
                    setImportId(null);
                    setPreview(null);
                  }}
                >
                  {t('imports.again')}
                </Button>
                <Button type="primary" onClick={() => navigate(`/${entity}`)}>
                  {t('imports.toList')}
                </Button>
              </Space>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
