import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** How churn risk is found, and what to do about it, in the reader's language. */
export function ChurnMethod({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <Collapse
      defaultActiveKey={open ? ['method'] : []}
      items={[
        {
          key: 'method',
          label: t('churnRisk.method.title'),
          children: (
            <Typography data-testid="churn-method">
              <ul>
                <li>{t('churnRisk.method.orderRhythm')}</li>
                <li>{t('churnRisk.method.silentWithOpen')}</li>
              </ul>
              <Typography.Paragraph>{t('churnRisk.method.amounts')}</Typography.Paragraph>
              <Typography.Paragraph>{t('churnRisk.method.schedule')}</Typography.Paragraph>
              <Typography.Paragraph>{t('churnRisk.method.whatToDo')}</Typography.Paragraph>
            </Typography>
          ),
        },
      ]}
    />
  );
}
