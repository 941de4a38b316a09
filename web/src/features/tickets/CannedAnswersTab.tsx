import type { Body, CannedAnswer, CannedAnswerInput } from '@relate/common';
import { Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionarySelect, DictionaryTag } from '../../components/dictionaries';
import { emptyToNull, useRequired } from '../../components/forms';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { editDeleteColumn } from '../../components/EditDeleteActions';
import { NewButton } from '../../components/NewButton';
import { useCannedAnswers, useDeleteCannedAnswer, useSaveCannedAnswer } from './queries';

export function CannedAnswersTab() {
  const { t } = useTranslation();
  const required = useRequired();
  const [q, setQ] = useState('');
  const { data = [], isFetching } = useCannedAnswers({ q: q || undefined });
  const saveAnswer = useSaveCannedAnswer();
  const deleteAnswer = useDeleteCannedAnswer();
  const dialog = useSaveDialog<CannedAnswer>();
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <NewButton onClick={dialog.openNew} data-testid="canned-new">
          {t('serviceDesk.newAnswer')}
        </NewButton>
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
          editDeleteColumn<CannedAnswer>({ onEdit: dialog.openEdit, onDelete: (a) => deleteAnswer.mutateAsync(a.id) }),
        ]}
      />
      <SaveDialog
        dialog={dialog}
        title={t('serviceDesk.answer')}
        onSave={(values: Body<typeof CannedAnswerInput>, answer) =>
          saveAnswer.mutateAsync({ id: answer?.id, body: emptyToNull(values) })
        }
        width={640}
        saveTestId="row-save"
      >
        <Form.Item name="title" label={t('serviceDesk.fields.title')} rules={required.text}>
          <Input maxLength={100} data-testid="canned-title" />
        </Form.Item>
        <Form.Item name="category" label={t('tickets.fields.category')}>
          <DictionarySelect type="service_category" allowClear placeholder={t('serviceDesk.any')} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('serviceDesk.fields.body')}
          extra={t('serviceDesk.placeholders')}
          rules={required.text}
        >
          <Input.TextArea rows={6} maxLength={5000} data-testid="canned-body" />
        </Form.Item>
      </SaveDialog>
    </>
  );
}
