import type { Body, SettingsPatch } from '@relate/common';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter, useRequired } from '../../components/forms';
import { CompanyLogoCard } from './CompanyLogoCard';
import { MailServerCard } from './MailServerCard';
import { BackupCard } from './backups/BackupCard';
import { useSettings, useUpdateSettings } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

const listColumns = {
  currencies: ['code', 'name', 'rate'],
  taxRates: ['name', 'rate'],
  bankAccounts: ['bankName', 'accountName', 'accountNumber'],
} as const;

export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.settings'));
  const required = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<Body<typeof SettingsPatch>>();
  const reportError = useErrorReporter(form);
  const settings = useSettings();
  const updateSettings = useUpdateSettings();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = async (values: Body<typeof SettingsPatch>) => {
    try {
      await updateSettings.mutateAsync(values);
      message.success(t('common.saved'));
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form form={form} layout="vertical" onFinish={save}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('nav.settings')}
            </Typography.Title>
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          </div>
          <Card title={t('settings.company')} loading={settings.isLoading}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="companyName" label={t('settings.companyName')} rules={required.value}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="companyTaxNumber" label={t('settings.companyTaxNumber')}>
                  <Input maxLength={20} style={{ textTransform: 'uppercase' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="companyAddress" label={t('settings.companyAddress')}>
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="companyPhone" label={t('settings.companyPhone')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="defaultLocale" label={t('settings.defaultLocale')}>
                  <Select
                    options={[
                      { value: 'zh-CN', label: '中文' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="timezone" label={t('settings.timezone')}>
                  <Select
                    showSearch
                    options={Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="defaultCurrency" label={t('settings.defaultCurrency')}>
                  <Input maxLength={3} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="stockTracking"
                  label={t('settings.stockTracking')}
                  extra={t('settings.stockTrackingHint')}
                  valuePropName="checked"
                >
                  <Switch data-testid="settings-stock-tracking" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('settings.security')}>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Form.Item name="passwordMinLength" label={t('settings.passwordMinLength')}>
                  <InputNumber min={6} max={64} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="passwordRequireLettersAndDigits"
                  label={t('settings.lettersAndDigits')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="captchaAfterFailures" label={t('settings.captchaAfter')}>
                  <InputNumber min={1} max={100} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="lockAfterFailures" label={t('settings.lockAfter')}>
                  <InputNumber min={1} max={100} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="lockMinutes" label={t('settings.lockMinutes')}>
                  <InputNumber min={1} max={1440} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="sessionHours" label={t('settings.sessionHours')}>
                  <InputNumber min={1} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="recycleBinDays" label={t('settings.recycleBinDays')}>
                  <InputNumber min={1} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="attachmentMaxMb" label={t('settings.attachmentMaxMb')}>
                  <InputNumber min={1} max={200} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('settings.pool')}>
            <Typography.Paragraph type="secondary">{t('settings.poolHint')}</Typography.Paragraph>
            <Row gutter={16}>
              {(
                [
                  'poolMaxCustomersPerRep',
                  'poolMaxClaimsPerDay',
                  'poolReturnNoFollowupDays',
                  'poolReturnNoDealDays',
                  'poolWarnDaysBefore',
                ] as const
              ).map((name) => (
                <Col key={name} xs={12} md={6}>
                  <Form.Item name={name} label={t(`settings.${name}`)}>
                    <InputNumber min={0} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
          {(Object.keys(listColumns) as Array<keyof typeof listColumns>).map((list) => (
            <Card key={list} title={t(`settings.${list}`)}>
              <Form.List name={list}>
                {(items, { add, remove }) => (
                  <>
                    {items.map((item) => (
                      <Space key={item.key} align="baseline" wrap>
                        {listColumns[list].map((column) => (
                          <Form.Item key={column} name={[item.name, column]} rules={required.value}>
                            <Input placeholder={t(`settings.columns.${column}`)} />
                          </Form.Item>
                        ))}
                        <Button type="link" danger onClick={() => remove(item.name)}>
                          {t('common.remove')}
                        </Button>
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add()}>
                      {t('common.add')}
                    </Button>
                  </>
                )}
              </Form.List>
            </Card>
          ))}
        </Space>
      </Form>
      <CompanyLogoCard />
      <MailServerCard />
      <BackupCard />
    </Space>
  );
}
