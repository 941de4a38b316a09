import { DislikeOutlined, LikeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { portalKbApi } from './api';
import { usePortal } from './PortalSession';
import { usePortalArticle, usePortalArticleFiles, useVoteOnPortalArticle } from './queries';
import { RecordNotFound } from '../../components/RecordNotFound';
import { usePageTitle } from '../../components/usePageTitle';

/** One FAQ answer (sanitised when it was stored), with "was this helpful" for signed-in customers. */
export function PortalArticlePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = usePortal();
  const id = Number(useParams().id);
  const { data: a, isLoading, error } = usePortalArticle(id);
  usePageTitle(a?.title, t('portal.nav.kb'));
  const files = usePortalArticleFiles(id, Boolean(a));
  const castVote = useVoteOnPortalArticle(id);
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !a) return <RecordNotFound error={error} backTo="/portal/kb" />;
  const vote = async (helpful: boolean) => {
    try {
      await castVote.mutateAsync({ helpful });
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
            <a key={f.id} href={portalKbApi.fileUrl(id, f.id)}>
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
