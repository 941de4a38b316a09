import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MethodPanel } from './MethodPanel';

/** How churn risk is found, and what to do about it, in the reader's language. */
export function ChurnMethod({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <MethodPanel open={open} title={t('churnRisk.method.title')} testId="churn-method">
      <ul>
        <li>{t('churnRisk.method.orderRhythm')}</li>
        <li>{t('insight.churnSilentWithOpen')}</li>
      </ul>
      <Typography.Paragraph>{t('churnRisk.method.amounts')}</Typography.Paragraph>
      <Typography.Paragraph>{t('churnRisk.method.schedule')}</Typography.Paragraph>
      <Typography.Paragraph>{t('churnRisk.method.whatToDo')}</Typography.Paragraph>
    </MethodPanel>
  );
}
