import { DislikeOutlined, LikeOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Article, PortalAttachment } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Result, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { portalApi } from './portal-api';
import { usePortal } from './PortalSession';

/** One FAQ answer (sanitised when it was stored), with "was this helpful" for signed-in customers. */
export function PortalArticlePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = usePortal();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const key = ['portal', 'kb', 'article', id];
  const {
    data: a,
    isLoading,
    error,
  } = useQuery({ queryKey: key, queryFn: () => portalApi.get<Article>(`/api/portal/v1/kb/${id}`) });
  const files = useQuery({
    queryKey: [...key, 'files'],
    queryFn: () => portalApi.get<PortalAttachment[]>(`/api/portal/v1/kb/${id}/attachments`),
    enabled: Boolean(a),
  });
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !a)
    return (
      <Result
        status="404"
        title={(error as ApiError)?.message ?? t('common.notFound')}
        extra={<Button onClick={() => navigate('/portal/kb')}>{t('common.back')}</Button>}
      />
    );
  const vote = async (helpful: boolean) => {
    try {
      queryClient.setQueryData(key, await portalApi.post<Article>(`/api/portal/v1/kb/${id}/vote`, { helpful }));
      message.success(t('portal.thanksForVote'));
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  return (
    <Card
      title={a.title}
      extra={<Typography.Text type="secondary">{dayjs(a.updatedAt).format('YYYY-MM-DD')}</Typography.Text>}
    >
      <div className="rich-text" data-testid="portal-article-body" dangerouslySetInnerHTML={{ __html: a.body }} />
      {Boolean(files.data?.length) && (
        <Space direction="vertical" style={{ marginTop: 16 }}>
          {files.data?.map((f) => (
            <a key={f.id} href={`/api/portal/v1/kb/${id}/attachments/${f.id}`}>
              <PaperClipOutlined /> {f.fileName}
            </a>
          ))}
        </Space>
      )}
      {session && (
        <Space style={{ marginTop: 24 }}>
          <Typography.Text>{t('portal.wasHelpful')}</Typography.Text>
          <Button
            icon={<LikeOutlined />}
            type={a.myVote === true ? 'primary' : 'default'}
            onClick={() => void vote(true)}
          >
            {a.helpful}
          </Button>
          <Button
            icon={<DislikeOutlined />}
            type={a.myVote === false ? 'primary' : 'default'}
            onClick={() => void vote(false)}
          >
            {a.notHelpful}
          </Button>
        </Space>
      )}
    </Card>
  );
}
