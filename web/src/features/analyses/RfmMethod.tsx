import { rfmClasses } from '@relate/common';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MethodPanel } from './MethodPanel';

/** How customer value is computed, and what to do with each class, in the reader's language. */
export function RfmMethod({ open }: { open: boolean }) {
  const { t } = useTranslation();
  return (
    <MethodPanel open={open} title={t('customerValue.method.title')} testId="rfm-method">
      <ul>
        <li>{t('customerValue.method.recency')}</li>
        <li>{t('customerValue.method.frequency')}</li>
        <li>{t('customerValue.method.monetary')}</li>
      </ul>
      <Typography.Paragraph>{t('customerValue.method.window')}</Typography.Paragraph>
      <Typography.Paragraph>{t('customerValue.method.quintiles')}</Typography.Paragraph>
      <Typography.Paragraph>{t('customerValue.method.rule')}</Typography.Paragraph>
      <Typography.Title level={5}>{t('customerValue.method.whatToDo')}</Typography.Title>
      <ul>
        {rfmClasses.map((name) => (
          <li key={name}>
            <Typography.Text strong>{t(`customerValue.classes.${name}`)}</Typography.Text>
            {' — '}
            {t(`customerValue.advice.${name}`)}
          </li>
        ))}
      </ul>
    </MethodPanel>
  );
}
