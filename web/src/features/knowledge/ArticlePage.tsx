import { DislikeOutlined, EditOutlined, LikeOutlined } from '@ant-design/icons';
import type { Article } from '@relate/common';
import { App, Button, Card, Collapse, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { AttachmentList } from '../../components/AttachmentList';
import { DictionaryTag } from '../../components/dictionaries';
import {
  useArticle,
  useArticleVersions,
  useDeleteArticle,
  usePublishArticle,
  useUnpublishArticle,
  useVoteArticle,
} from './queries';
import { RecordNotFound } from '../../components/RecordNotFound';
import { usePageTitle } from '../../components/usePageTitle';

/** One article as readers see it (the HTML was sanitised when stored), with votes, review and versions. */
export function ArticlePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data: a, isLoading, error } = useArticle(id);
  usePageTitle(a?.title, t('nav.knowledge'));
  const versions = useArticleVersions(id, can('knowledge.manage'));
  const publish = usePublishArticle();
  const unpublish = useUnpublishArticle();
  const vote = useVoteArticle();
  const remove = useDeleteArticle();
  if (isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !a) return <RecordNotFound error={error} backTo="/kb" />;
  const act = async (request: Promise<Article | void>) => {
    try {
      await request;
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  return (
    <Card
      title={
        <Space wrap>
          {a.title}
          {a.status === 'draft' ? (
            <Tag color="gold">{t('knowledge.statuses.draft')}</Tag>
          ) : (
            <Tag color="green">{t('knowledge.statuses.published')}</Tag>
          )}
          <Tag>{t(`knowledge.visibilities.${a.visibility}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {can('knowledge.manage') && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/kb/${id}/edit`)} data-testid="article-edit">
              {t('common.edit')}
            </Button>
          )}
          {can('knowledge.review') && a.status === 'draft' && (
            <Button type="primary" onClick={() => void act(publish.mutateAsync(id))} data-testid="article-publish">
              {t('knowledge.publish')}
            </Button>
          )}
          {can('knowledge.review') && a.status === 'published' && (
            <Button onClick={() => void act(unpublish.mutateAsync(id))}>{t('knowledge.unpublish')}</Button>
          )}
          {can('knowledge.manage') && (
            <Popconfirm
              title={t('common.deleteConfirm')}
              onConfirm={() => void act(remove.mutateAsync(id)).then(() => navigate('/kb'))}
            >
              <Button danger>{t('common.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DictionaryTag type="kb_category" code={a.category} />
        {a.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
        <Typography.Text type="secondary">
          {t('knowledge.byline', {
            author: a.authorName ?? '-',
            version: a.version,
            date: dayjs(a.updatedAt).format('YYYY-MM-DD HH:mm'),
          })}
          {a.reviewedByName && ` · ${t('knowledge.reviewedBy', { name: a.reviewedByName })}`}
        </Typography.Text>
      </Space>
      {/* Sanitised on the server when stored: only formatting tags and safe links remain. */}
      <div className="rich-text" data-testid="article-body" dangerouslySetInnerHTML={{ __html: a.body }} />
      {a.status === 'published' && (
        <Space style={{ marginTop: 24 }}>
          <Typography.Text>{t('knowledge.helpfulQuestion')}</Typography.Text>
          <Button
            icon={<LikeOutlined />}
            type={a.myVote === true ? 'primary' : 'default'}
            onClick={() => void act(vote.mutateAsync({ id, helpful: true }))}
            data-testid="vote-helpful"
          >
            {a.helpful}
          </Button>
          <Button
            icon={<DislikeOutlined />}
            type={a.myVote === false ? 'primary' : 'default'}
            onClick={() => void act(vote.mutateAsync({ id, helpful: false }))}
          >
            {a.notHelpful}
          </Button>
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('knowledge.files')}
      </Typography.Title>
      <AttachmentList entity="kb/articles" id={id} editable={can('knowledge.manage')} />
      {versions.data && versions.data.length > 1 && (
        <Collapse
          style={{ marginTop: 24 }}
          items={[
            {
              key: 'v',
              label: t('knowledge.versions', { count: versions.data.length }),
              children: versions.data.map((v) => (
                <Typography.Paragraph key={v.version}>
                  v{v.version} · {v.title} · {v.editedByName ?? '-'} · {dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Paragraph>
              )),
            },
          ]}
        />
      )}
    </Card>
  );
}
