import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRequired } from './forms';

export type Captcha = { id: string; svg: string };

/** The captcha answer (form field `captchaText`) beside its picture and a button for another one. */
export function CaptchaField({ captcha, onReload }: { captcha: Captcha | null; onReload: () => void }) {
  const { t } = useTranslation();
  const required = useRequired();
  return (
    <Form.Item label={t('auth.captcha')} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="captchaText" noStyle rules={required.value}>
          <Input aria-label={t('auth.captcha')} maxLength={8} />
        </Form.Item>
        {captcha && (
          <img
            alt={t('auth.captcha')}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(captcha.svg)}`}
            style={{ height: 32, background: '#fff', border: '1px solid #d9d9d9' }}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={onReload} aria-label={t('auth.newCaptcha')} />
      </Space.Compact>
    </Form.Item>
  );
}
