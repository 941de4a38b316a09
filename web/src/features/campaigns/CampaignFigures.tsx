import type { CampaignFigures as Figures } from '@relate/common';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../components/money';

/** What a campaign achieved, with the campaigns below it: counts, money, cost per lead and ROI (n/a with no cost). */
export function CampaignFigures({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const money = useMoney();
  const na = t('campaigns.figures.notApplicable');
  const cells: Array<[key: string, value: string | number]> = [
    ['members', figures.members],
    ['responses', figures.responses],
    ['leads', figures.leads],
    ['convertedLeads', figures.convertedLeads],
    ['opportunities', figures.opportunities],
    ['wonOpportunities', figures.wonOpportunities],
    ['wonAmount', money(figures.wonAmount, figures.currency)],
    ['received', money(figures.received, figures.currency)],
    ['cost', money(figures.cost, figures.currency)],
    ['costPerLead', figures.costPerLead === null ? na : money(figures.costPerLead, figures.currency)],
    ['roi', figures.roi === null ? na : `${figures.roi}%`],
  ];
  return (
    <Card size="small">
      <Row gutter={[16, 16]}>
        {cells.map(([key, value]) => (
          <Col key={key} xs={12} md={6} lg={4} data-testid={`campaign-figure-${key}`}>
            <Statistic title={t(`campaigns.figures.${key}`)} value={value} />
          </Col>
        ))}
      </Row>
      {figures.wonInOtherCurrencies > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('campaigns.figures.otherCurrencies', { count: figures.wonInOtherCurrencies, currency: figures.currency })}
        </Typography.Paragraph>
      )}
      {figures.childCount > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('campaigns.figures.rolledUp', { count: figures.childCount })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
