import type { PublicWebForm } from '@relate/common';
import { Alert, Button, Card, Checkbox, Form, Input, Result, Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { applyLocale } from '../../app/session';
import { CaptchaField } from '../../components/CaptchaField';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useErrorReporter } from '../../components/forms';
import { usePageTitle } from '../../components/usePageTitle';
import { useCaptcha } from '../public/queries';
import { useHostedForm, useSubmitWebForm } from './queries';

const utmKeys = ['utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent'] as const;
const utmParam = (key: (typeof utmKeys)[number]) => `utm_${key.slice(3).toLowerCase()}`;

/** The site the page is framed in, when it is framed: the browser's ancestor origin, else the referrer's. */
function embeddingSite(): string | null {
  if (window.parent === window) return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors?.length) return ancestors[0];
  return document.referrer || null;
}

/** A web-to-lead form's hosted page (/f/:slug): public, fits a phone, in the visitor's language (`?lang=`). */
export function HostedFormPage() {
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const lang = params.get('lang');
  useEffect(() => {
    if (lang === 'en' || lang === 'zh-CN' || lang === 'zh') applyLocale(lang === 'en' ? 'en' : 'zh-CN');
  }, [lang]);
  const en = i18n.language === 'en';
  const { data: form, isLoading, error } = useHostedForm(slug);
  usePageTitle(form ? (en ? form.titleEn : form.titleZh) : t('webForms.hosted'));
  if (isLoading) return <Spin style={{ display: 'block', margin: 96 }} />;
  if (error || !form)
    return (
      <Result status="404" title={t('webForms.unavailable')} style={{ marginTop: 48 }} data-testid="form-missing" />
    );
  return <HostedForm form={form} en={en} />;
}

function HostedForm({ form, en }: { form: PublicWebForm; en: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [antForm] = Form.useForm();
  const reportError = useErrorReporter(antForm);
  const { captcha, renew } = useCaptcha();
  const submit = useSubmitWebForm(form.slug);
  const [thanks, setThanks] = useState<string | null>(null);
  // UTM parameters and the referrer come with the page's own address (the embed snippet passes them on).
  const tracking = useMemo(
    () => ({
      ...Object.fromEntries(utmKeys.map((key) => [key, params.get(utmParam(key)) || null])),
      referrer: params.get('referrer') || document.referrer || null,
    }),
    [params],
  );
  const send = async (values: Record<string, string | boolean | undefined>) => {
    const { consent, captchaText, ...answers } = values;
    try {
      const received = await submit.mutateAsync({
        values: Object.fromEntries(
          Object.entries(answers).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
        ),
        consent: Boolean(consent),
        ...tracking,
        embeddedOn: embeddingSite(),
        captchaId: captcha?.id ?? '',
        captchaText: typeof captchaText === 'string' ? captchaText : '',
      });
      if (received.redirectUrl) {
        (window.top ?? window).location.href = received.redirectUrl;
        return;
      }
      setThanks((en ? received.thankYouEn : received.thankYouZh) ?? t('webForms.thanksDefault'));
    } catch (failure) {
      reportError(failure);
      antForm.setFieldValue('captchaText', '');
      renew();
    }
  };
  const required = t('validation.required');
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
      <Card title={en ? form.titleEn : form.titleZh} extra={<LocaleSwitch />} styles={{ body: { padding: 16 } }}>
        {thanks ? (
          <Result status="success" title={thanks} data-testid="web-form-thanks" />
        ) : (
          <Form form={antForm} layout="vertical" onFinish={send} data-testid="hosted-form">
            {(en ? form.introEn : form.introZh) && (
              <Alert type="info" showIcon message={en ? form.introEn : form.introZh} style={{ marginBottom: 16 }} />
            )}
            {form.fields.map((field) => (
              <Form.Item
                key={field.key}
                name={field.key}
                label={en ? field.labelEn : field.labelZh}
                extra={(en ? field.helpEn : field.helpZh) ?? undefined}
                rules={field.required ? [{ required: true, whitespace: true, message: required }] : []}
              >
                {field.options ? (
                  <Select
                    allowClear
                    options={field.options.map((o) => ({ value: o.code, label: en ? o.labelEn : o.labelZh }))}
                  />
                ) : field.key === 'remark' ? (
                  <Input.TextArea rows={4} maxLength={5000} />
                ) : (
                  <Input
                    maxLength={200}
                    type={
                      field.key === 'email' ? 'email' : field.key === 'mobile' || field.key === 'phone' ? 'tel' : 'text'
                    }
                    data-testid={`field-${field.key}`}
                  />
                )}
              </Form.Item>
            ))}
            {form.consent && (
              <Form.Item name="consent" valuePropName="checked">
                <Checkbox data-testid="field-consent">{en ? form.consent.textEn : form.consent.textZh}</Checkbox>
              </Form.Item>
            )}
            <CaptchaField captcha={captcha} onReload={renew} />
            <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="web-form-submit">
              {t('webForms.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
