import { DatePicker, Segmented, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { DepartmentFilter, UserSelect } from '../../components/users';
import type { ForecastRow } from './api';
import { useForecast } from './queries';

/** Won, weighted and best-case amounts per month or quarter, for the caller, a person or a department. */
export function ForecastPanel() {
  const { t } = useTranslation();
  const money = useMoney();
  const [year, setYear] = useState(dayjs().year());
  const [period, setPeriod] = useState<'month' | 'quarter'>('quarter');
  const [ownerId, setOwnerId] = useState<number | undefined>(undefined);
  const [departmentId, setDepartmentId] = useState<number | undefined>(undefined);
  const forecast = useForecast({ year, period, ownerId, departmentId });
  const currency = forecast.data?.currency;
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="year"
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
          allowClear={false}
        />
        <Segmented
          value={period}
          onChange={(v) => setPeriod(v as 'month' | 'quarter')}
          options={[
            { value: 'quarter', label: t('opportunities.byQuarter') },
            { value: 'month', label: t('opportunities.byMonth') },
          ]}
        />
        <UserSelect
          allowClear
          placeholder={t('opportunities.fields.owner')}
          value={ownerId}
          onChange={(v) => setOwnerId(v as number | undefined)}
          style={{ width: 160 }}
        />
        <DepartmentFilter value={departmentId} onChange={setDepartmentId} />
      </Space>
      <Table<ForecastRow>
        rowKey="period"
        size="small"
        loading={forecast.isLoading}
        dataSource={forecast.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('opportunities.period'), dataIndex: 'period' },
          {
            title: t('opportunities.committed'),
            dataIndex: 'committed',
            align: 'right',
            render: (v: string) => money(v, currency),
          },
          {
            title: t('opportunities.weighted'),
            dataIndex: 'weighted',
            align: 'right',
            render: (v: string) => money(v, currency),
          },
          {
            title: t('opportunities.bestCase'),
            dataIndex: 'bestCase',
            align: 'right',
            render: (v: string) => money(v, currency),
          },
          { title: t('opportunities.openCount'), dataIndex: 'openCount', align: 'right' },
          { title: t('opportunities.wonCount'), dataIndex: 'wonCount', align: 'right' },
        ]}
      />
    </>
  );
}
