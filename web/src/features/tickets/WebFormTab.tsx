import { Input, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSettings, useUpdateSettings } from '../admin/queries';

/** Switches the public web form on and gives the snippet that embeds it in the company's website. */
export function WebFormTab() {
  const { t } = useTranslation();
  const settings = useSettings();
  const updateSettings = useUpdateSettings();
  const url = `${window.location.origin}/forms/ticket`;
  const snippet = `<iframe src="${url}" title="Support" style="width:100%;max-width:680px;height:860px;border:0"></iframe>`;
  return (
    <Space direction="vertical" style={{ maxWidth: 720 }}>
      <Space>
        <Switch
          checked={settings.data?.webFormEnabled ?? false}
          onChange={(webFormEnabled) => updateSettings.mutate({ webFormEnabled })}
          data-testid="web-form-enabled"
        />
        {t('serviceDesk.webFormEnabled')}
      </Space>
      <Typography.Text type="secondary">{t('serviceDesk.webFormHint')}</Typography.Text>
      <Input.TextArea readOnly rows={3} value={snippet} data-testid="web-form-snippet" />
      <Typography.Link href={url} target="_blank">
        {url}
      </Typography.Link>
    </Space>
  );
}
