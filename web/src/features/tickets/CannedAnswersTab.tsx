import { PlusOutlined } from '@ant-design/icons';
import { type CannedAnswer } from '@relate/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull } from '../../components/forms';
import { RowDialog } from './RowDialog';

export function CannedAnswersTab() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const { data = [], isFetching } = useQuery({
    queryKey: ['canned-answers', 'admin', q],
    queryFn: () => api.get<CannedAnswer[]>('/api/v1/canned-answers', { q: q || undefined }),
  });
  const [editing, setEditing] = useState<CannedAnswer | null | undefined>(undefined);
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="canned-new">
          {t('serviceDesk.newAnswer')}
        </Button>
        <Input.Search allowClear placeholder={t('common.search')} onSearch={setQ} style={{ width: 240 }} />
      </Space>
      <Table<CannedAnswer>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: t('serviceDesk.noAnswers') }}
        columns={[
          { title: t('serviceDesk.fields.title'), dataIndex: 'title' },
          {
            title: t('tickets.fields.category'),
            dataIndex: 'category',
            render: (v: string | null) =>
              v ? <DictionaryTag type="service_category" code={v} /> : t('serviceDesk.any'),
          },
          { title: t('serviceDesk.fields.body'), dataIndex: 'body', ellipsis: true },
          {
            key: 'actions',
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => setEditing(a)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('common.deleteConfirm')}
                  onConfirm={() =>
                    api
                      .delete(`/api/v1/canned-answers/${a.id}`)
                      .then(() => queryClient.invalidateQueries({ queryKey: ['canned-answers'] }))
                  }
                >
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RowDialog<CannedAnswer>
        title={t('serviceDesk.answer')}
        row={editing}
        url="/api/v1/canned-answers"
        queryKey={['canned-answers']}
        onClose={() => setEditing(undefined)}
        initial={{}}
        toBody={(v) => emptyToNull(v)}
      >
        <Form.Item
          name="title"
          label={t('serviceDesk.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} data-testid="canned-title" />
        </Form.Item>
        <Form.Item name="category" label={t('tickets.fields.category')}>
          <DictionarySelect type="service_category" allowClear placeholder={t('serviceDesk.any')} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('serviceDesk.fields.body')}
          extra={t('serviceDesk.placeholders')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={6} maxLength={5000} data-testid="canned-body" />
        </Form.Item>
      </RowDialog>
    </>
  );
}
