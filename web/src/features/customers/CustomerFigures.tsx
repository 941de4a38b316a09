import { Card, Col, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';
import { useCustomerOverview } from './queries';

function Figure({
  title,
  value,
  testId,
  danger,
}: {
  title: string;
  value: ReactNode;
  testId: string;
  danger?: boolean;
}) {
  return (
    <Col xs={12} sm={8} lg={4}>
      <Statistic
        title={title}
        valueRender={() => (
          <Typography.Text strong type={danger ? 'danger' : undefined} style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
            {value}
          </Typography.Text>
        )}
        data-testid={testId}
      />
    </Col>
  );
}

/** The head of the customer's page: what it bought, owes and has overdue, what is open, when it was and will be contacted. */
export function CustomerFigures({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { data } = useCustomerOverview(customerId);
  if (!data) return null;
  const date = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD') : '-');
  const overdue = data.overdue !== null && Number(data.overdue) > 0;
  return (
    <Card size="small" data-testid="customer-figures">
      <Row gutter={[16, 12]}>
        {data.revenue !== null && (
          <Figure
            title={t('customers.figures.revenue')}
            value={money(data.revenue, data.currency)}
            testId="figure-revenue"
          />
        )}
        {data.outstanding !== null && (
          <Figure
            title={t('customers.figures.outstanding')}
            value={money(data.outstanding, data.currency)}
            testId="figure-outstanding"
          />
        )}
        {data.overdue !== null && (
          <Figure
            title={t('customers.figures.overdue')}
            value={money(data.overdue, data.currency)}
            danger={overdue}
            testId="figure-overdue"
          />
        )}
        {data.openOpportunities && (
          <Figure
            title={t('customers.figures.openOpportunities')}
            value={`${data.openOpportunities.count} · ${money(data.openOpportunities.amount, data.currency)}`}
            testId="figure-opportunities"
          />
        )}
        {data.openTickets !== null && (
          <Figure title={t('customers.figures.openTickets')} value={data.openTickets} testId="figure-tickets" />
        )}
        <Figure
          title={`${t('customers.figures.lastContact')} / ${t('customers.figures.nextContact')}`}
          value={`${date(data.lastFollowupAt)} / ${date(data.nextFollowupAt)}`}
          testId="figure-contact"
        />
      </Row>
    </Card>
  );
}
