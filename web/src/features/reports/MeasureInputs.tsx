import { DeleteOutlined } from '@ant-design/icons';
import { type ReportAggregate, type ReportSource, type ReportSourceInfo, reportAggregates } from '@relate/common';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Measure } from './report-form';
import { useFieldLabel, useValueOptions } from './report-labels';

const dated = new Set(['date', 'timestamp']);
const numeric = new Set(['number', 'money', 'quantity']);
/** Fields a measure's own filter may name: those whose values are codes or text. */
const filterable = new Set(['text', 'dictionary']);

/**
 * One measure of a report: how it adds up, which field, and optionally only the records whose field
 * holds some values ("count of won ones"); a ratio picks the two other measures it divides.
 */
export function MeasureInputs({
  source,
  fields,
  measure,
  index,
  count,
  onChange,
  onRemove,
}: {
  source: ReportSource;
  fields: ReportSourceInfo['fields'];
  measure: Measure;
  index: number;
  count: number;
  onChange: (patch: Partial<Measure>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel(source, fields);
  const values = useValueOptions(source, measure.condition?.field, fields);
  const options = (keep: (kind: string) => boolean) =>
    fields.filter((f) => keep(f.kind)).map((f) => ({ value: f.name, label: fieldLabel(f.name) }));
  const others = Array.from({ length: count }, (_, i) => i)
    .filter((i) => i !== index)
    .map((i) => ({ value: i, label: t('reports.measureN', { n: i + 1 }) }));
  return (
    <Space wrap>
      <Typography.Text type="secondary">{index + 1}.</Typography.Text>
      <Select
        aria-label={`${t('reports.aggregate')} ${index + 1}`}
        style={{ width: 120 }}
        value={measure.aggregate}
        onChange={(aggregate: ReportAggregate) =>
          onChange({ aggregate, field: undefined, of: aggregate === 'ratio' ? undefined : measure.of })
        }
        options={reportAggregates.map((a) => ({ value: a, label: t(`reports.aggregates.${a}`) }))}
      />
      {measure.aggregate === 'ratio' ? (
        <Space.Compact>
          <Select
            aria-label={t('reports.numerator')}
            placeholder={t('reports.numerator')}
            style={{ width: 110 }}
            value={measure.of?.[0]}
            onChange={(n: number) => onChange({ of: [n, measure.of?.[1] ?? n] })}
            options={others}
          />
          <Select
            aria-label={t('reports.denominator')}
            placeholder={t('reports.denominator')}
            style={{ width: 110 }}
            value={measure.of?.[1]}
            onChange={(d: number) => onChange({ of: [measure.of?.[0] ?? d, d] })}
            options={others}
          />
        </Space.Compact>
      ) : (
        <>
          {measure.aggregate !== 'count' && (
            <Select
              aria-label={`${t('reports.field')} ${index + 1}`}
              showSearch
              optionFilterProp="label"
              placeholder={t('reports.field')}
              style={{ width: 180 }}
              value={measure.field}
              onChange={(field: string) => onChange({ field })}
              options={options((kind) =>
                measure.aggregate === 'distinct'
                  ? true
                  : measure.aggregate === 'sum' || measure.aggregate === 'avg'
                    ? numeric.has(kind)
                    : numeric.has(kind) || dated.has(kind),
              )}
            />
          )}
          <Select
            aria-label={`${t('reports.onlyWhere')} ${index + 1}`}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('reports.onlyWhere')}
            style={{ width: 150 }}
            value={measure.condition?.field}
            onChange={(field?: string) => onChange({ condition: field ? { field, values: [] } : undefined })}
            options={options((kind) => filterable.has(kind))}
          />
          {measure.condition?.field && (
            <Select
              aria-label={`${t('reports.isOneOf')} ${index + 1}`}
              mode={values.length ? 'multiple' : 'tags'}
              placeholder={t('reports.isOneOf')}
              style={{ minWidth: 160 }}
              value={measure.condition.values}
              onChange={(next: string[]) => onChange({ condition: { field: measure.condition!.field, values: next } })}
              options={values}
              optionFilterProp="label"
            />
          )}
        </>
      )}
      {onRemove && <Button aria-label={t('common.remove')} icon={<DeleteOutlined />} onClick={onRemove} />}
    </Space>
  );
}
