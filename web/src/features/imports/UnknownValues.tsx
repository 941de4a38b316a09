import type { DictionaryType } from '@relate/common';
import { Alert, Button, Card, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DictionarySelect } from '../../components/dictionaries';
import type { ImportValueChoice, ImportValueMap, UnknownImportValues } from './api';

/** A choice being made: "map" before its option is picked has no code yet. */
export type DraftChoice = ImportValueChoice | { action: 'map'; code?: undefined };
export type DraftValueMap = Record<string, Record<string, DraftChoice>>;

/** The finished choices for the values still unknown (a "map" without its option is left out). */
export function valueMapOf(draft: DraftValueMap, unknown: UnknownImportValues[]): ImportValueMap {
  const valueMap: ImportValueMap = {};
  for (const { field, values } of unknown) {
    const chosen = values.flatMap(({ value }) => {
      const choice = draft[field]?.[value];
      return choice && (choice.action !== 'map' || choice.code) ? [[value, choice as ImportValueChoice] as const] : [];
    });
    if (chosen.length) valueMap[field] = Object.fromEntries(chosen);
  }
  return valueMap;
}

/** How many listed values have no finished choice. */
export function unchosenCount(draft: DraftValueMap, unknown: UnknownImportValues[]): number {
  const valueMap = valueMapOf(draft, unknown);
  return unknown.reduce((n, { field, values }) => n + values.filter((v) => !valueMap[field]?.[v.value]).length, 0);
}

/**
 * The values of the file's dictionary columns that match no option, with their row counts; for each the
 * user maps it to an option, adds it as a new option (if they may manage dictionaries) or leaves it empty.
 */
export function UnknownValues({
  unknown,
  fieldLabel,
  canAddOptions,
  draft,
  onChange,
}: {
  unknown: UnknownImportValues[];
  fieldLabel: (key: string) => string;
  canAddOptions: boolean;
  draft: DraftValueMap;
  onChange: (draft: DraftValueMap) => void;
}) {
  const { t } = useTranslation();
  if (!unknown.length)
    return <Alert type="success" showIcon message={t('importValues.allKnown')} data-testid="import-values-known" />;
  const choose = (field: string, value: string, choice: DraftChoice | undefined) => {
    const values = { ...draft[field] };
    if (choice) values[value] = choice;
    else delete values[value];
    onChange({ ...draft, [field]: values });
  };
  const actions = (['map', 'add', 'empty'] as const).filter((a) => a !== 'add' || canAddOptions);
  const left = unchosenCount(draft, unknown);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-values">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('importValues.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('importValues.intro')}</Typography.Text>
      {!canAddOptions && <Typography.Text type="secondary">{t('importValues.addNeedsManager')}</Typography.Text>}
      {unknown.map(({ field, column, dictionary, values, more }) => (
        <Card
          key={field}
          size="small"
          title={t('importValues.column', { field: fieldLabel(field), column })}
          extra={
            <Button
              size="small"
              onClick={() =>
                onChange({
                  ...draft,
                  [field]: Object.fromEntries(values.map(({ value }) => [value, { action: 'empty' as const }])),
                })
              }
            >
              {t('importValues.allEmpty')}
            </Button>
          }
        >
          <Table
            size="small"
            rowKey="value"
            pagination={values.length > 10 ? { pageSize: 10, size: 'small' } : false}
            dataSource={values}
            columns={[
              { title: t('importValues.value'), dataIndex: 'value' },
              { title: t('importValues.rows'), dataIndex: 'count', width: 90, align: 'right' },
              {
                title: t('importValues.atRows'),
                width: 160,
                render: (_, { rows, count }) => `${rows.join(', ')}${count > rows.length ? ' …' : ''}`,
              },
              {
                title: t('importValues.choice'),
                width: 420,
                render: (_, { value }) => {
                  const choice = draft[field]?.[value];
                  return (
                    <Space wrap data-testid={`import-value-${value}`}>
                      <Select
                        style={{ width: 190 }}
                        allowClear
                        aria-label={t('importValues.choice')}
                        placeholder={t('importValues.notImported')}
                        value={choice?.action}
                        onChange={(action?: DraftChoice['action']) =>
                          choose(field, value, action ? ({ action } as DraftChoice) : undefined)
                        }
                        options={actions.map((a) => ({ value: a, label: t(`importValues.actions.${a}`) }))}
                      />
                      {choice?.action === 'map' && (
                        <DictionarySelect
                          type={dictionary as DictionaryType}
                          style={{ width: 190 }}
                          aria-label={t('importValues.option')}
                          placeholder={t('importValues.chooseOption')}
                          value={choice.code}
                          onChange={(code?: string) => choose(field, value, { action: 'map', code })}
                        />
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
          {more > 0 && <Typography.Text type="secondary">{t('importValues.more', { count: more })}</Typography.Text>}
        </Card>
      ))}
      {left > 0 && <Alert type="warning" showIcon message={t('importValues.unchosen', { count: left })} />}
    </Space>
  );
}
