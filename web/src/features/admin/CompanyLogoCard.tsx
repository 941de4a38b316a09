import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Image, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../app/api';
import { settingsApi } from './api';
import { useLogoInfo, useRemoveLogo, useUploadLogo } from './queries';

/** The logo printed on quotes: PNG or JPEG, replaced by uploading another. */
export function CompanyLogoCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Bumped after each change so the browser fetches the new image.
  const [version, setVersion] = useState(() => Date.now());
  const info = useLogoInfo();
  const missing = !info.data?.hasLogo;
  const uploadLogo = useUploadLogo();
  const removeLogo = useRemoveLogo();
  const changed = () => setVersion(Date.now());
  const remove = async () => {
    try {
      await removeLogo.mutateAsync();
      changed();
    } catch (error) {
      message.error((error as ApiError).message);
    }
  };
  return (
    <Card title={t('settings.logo')}>
      <Space direction="vertical">
        {info.isPending ? null : missing ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.noLogo')} />
        ) : (
          <Image
            src={settingsApi.logoUrl(version)}
            height={64}
            preview={false}
            alt={t('settings.logo')}
            data-testid="company-logo"
          />
        )}
        <Typography.Text type="secondary">{t('settings.logoHint')}</Typography.Text>
        <Space>
          <Upload
            accept="image/png,image/jpeg"
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                await uploadLogo.mutateAsync(file as File);
                onSuccess?.({});
                changed();
                message.success(t('common.saved'));
              } catch (error) {
                message.error((error as ApiError).message);
                onError?.(error as Error);
              }
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="logo-upload">
              {t('settings.uploadLogo')}
            </Button>
          </Upload>
          {!info.isPending && !missing && (
            <Popconfirm title={t('settings.removeLogoConfirm')} onConfirm={() => void remove()}>
              <Button danger icon={<DeleteOutlined />}>
                {t('common.remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
    </Card>
  );
}
