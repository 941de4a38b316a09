import { Button, Card, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useErrorReporter } from '../../components/forms';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useUnsubscribe, useUnsubscribeLink } from './queries';

/** Where an email's unsubscribe link leads: the recipient confirms, and no marketing mail goes to the address again. */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const reportError = useErrorReporter();
  const link = useUnsubscribeLink(token);
  const unsubscribe = useUnsubscribe(token);
  return (
    <div style={{ maxWidth: 520, margin: '24px auto', padding: 12 }}>
      {token === 'preview' ? (
        <Result status="info" title={t('emailTemplates.unsubscribe.preview')} />
      ) : link.isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !link.data ? (
        <Result status="404" title={t('emailTemplates.unsubscribe.invalid')} />
      ) : unsubscribe.isSuccess ? (
        <Result
          status="success"
          title={t('emailTemplates.unsubscribe.done')}
          subTitle={link.data.companyName}
          data-testid="unsubscribe-done"
        />
      ) : (
        <Card title={t('emailTemplates.unsubscribe.title')} extra={<LocaleSwitch />}>
          <Typography.Paragraph>
            {t('emailTemplates.unsubscribe.confirm', { address: link.data.address, company: link.data.companyName })}
          </Typography.Paragraph>
          <Button
            type="primary"
            danger
            block
            loading={unsubscribe.isPending}
            onClick={() => unsubscribe.mutateAsync().catch(reportError)}
            data-testid="unsubscribe-confirm"
          >
            {t('emailTemplates.unsubscribe.button')}
          </Button>
        </Card>
      )}
    </div>
  );
}
