import { LinkOutlined } from '@ant-design/icons';
import { App, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../../app/api';
import { useSession } from '../../app/session';
import { useLinkArticle, useSuggestedArticles, useTicketArticles } from './queries';

/** On a ticket: the articles linked to it, and published ones that match its subject, ready to link. */
export function TicketArticles({
  ticketId,
  subject,
  editable,
}: {
  ticketId: number;
  subject: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const linked = useTicketArticles(ticketId);
  const suggested = useSuggestedArticles(subject, can('knowledge.view'));
  const linkArticle = useLinkArticle();
  const link = async (articleId: number) => {
    try {
      await linkArticle.mutateAsync({ ticketId, articleId });
    } catch (e) {
      message.error((e as ApiError).message);
    }
  };
  const linkedIds = new Set((linked.data ?? []).map((a) => a.id));
  const suggestions = (suggested.data ?? []).filter((a) => !linkedIds.has(a.id));
  return (
    <>
      <List
        size="small"
        dataSource={linked.data ?? []}
        locale={{ emptyText: t('knowledge.noLinked') }}
        renderItem={(a) => (
          <List.Item>
            <Link to={`/kb/${a.id}`}>{a.title}</Link>
          </List.Item>
        )}
        data-testid="linked-articles"
      />
      {suggestions.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('knowledge.suggested')}</Typography.Text>
          <List
            size="small"
            dataSource={suggestions}
            data-testid="suggested-articles"
            renderItem={(a) => (
              <List.Item
                actions={
                  editable
                    ? [
                        <Button
                          key="l"
                          size="small"
                          icon={<LinkOutlined />}
                          onClick={() => void link(a.id)}
                          aria-label={t('knowledge.link')}
                        >
                          {t('knowledge.link')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta title={<Link to={`/kb/${a.id}`}>{a.title}</Link>} description={a.excerpt} />
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}
