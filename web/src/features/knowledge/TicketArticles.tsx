import { LinkOutlined } from '@ant-design/icons';
import type { ArticleSummary } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ApiError } from '../../app/api';
import { useSession } from '../../app/session';

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
  const queryClient = useQueryClient();
  const linked = useQuery({
    queryKey: ['tickets', 'articles', ticketId],
    queryFn: () => api.get<ArticleSummary[]>(`/api/v1/tickets/${ticketId}/articles`),
  });
  const suggested = useQuery({
    queryKey: ['kb', 'suggest', subject],
    queryFn: () => api.get<ArticleSummary[]>('/api/v1/kb/suggest', { q: subject }),
    enabled: can('knowledge.view'),
  });
  const link = async (articleId: number) => {
    try {
      queryClient.setQueryData(
        ['tickets', 'articles', ticketId],
        await api.post<ArticleSummary[]>(`/api/v1/tickets/${ticketId}/articles`, { articleId }),
      );
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
