import { DeleteOutlined } from '@ant-design/icons';
import { type ReportDateUnit, type ReportSource, type ReportSourceInfo, reportDateUnits } from '@relate/common';
import { Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grouping } from './report-form';
import { useFieldLabel } from './report-labels';

const dated = new Set(['date', 'timestamp']);
/** How deep a department grouping may roll up: the company (1) and the levels below it. */
const departmentLevels = [1, 2, 3, 4, 5];

/** One grouping of a report: a field, by period when it is a date, rolled up the tree when a department. */
export function GroupingInputs({
  source,
  fields,
  grouping,
  index,
  onChange,
  onRemove,
}: {
  source: ReportSource;
  fields: ReportSourceInfo['fields'];
  grouping: Grouping;
  index: number;
  onChange: (patch: Partial<Grouping>) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel(source, fields);
  const kind = fields.find((f) => f.name === grouping.field)?.kind;
  return (
    <Space wrap>
      <Select
        aria-label={`${t('reports.groupBy')} ${index + 1}`}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('reports.field')}
        style={{ width: 180 }}
        value={grouping.field}
        onChange={(field?: string) => onChange({ field, departmentLevel: undefined })}
        options={fields.filter((f) => f.kind !== 'money').map((f) => ({ value: f.name, label: fieldLabel(f.name) }))}
      />
      {dated.has(kind ?? '') && (
        <Select
          aria-label={t('reports.unit')}
          style={{ width: 100 }}
          value={grouping.unit}
          onChange={(unit: ReportDateUnit) => onChange({ unit })}
          options={reportDateUnits.map((u) => ({ value: u, label: t(`reports.units.${u}`) }))}
        />
      )}
      {kind === 'department' && (
        <Select
          aria-label={t('reports.departmentLevel')}
          style={{ width: 130 }}
          value={grouping.departmentLevel ?? 0}
          onChange={(level: number) => onChange({ departmentLevel: level || undefined })}
          options={[
            { value: 0, label: t('reports.ownDepartment') },
            ...departmentLevels.map((level) => ({ value: level, label: t('reports.levelN', { level }) })),
          ]}
        />
      )}
      {onRemove && <Button aria-label={t('common.remove')} icon={<DeleteOutlined />} onClick={onRemove} />}
    </Space>
  );
}
