import type { LevelChange, Member, PointsEntry } from '@relate/common';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useMoney } from '../../components/money';
import { SaveDialog, useSaveDialog } from '../../components/SaveDialog';
import { useRequired } from '../../components/forms';
import { TabTable } from '../customers/tabs/TabTable';
import { useTabPaging } from '../customers/tabs/paging';
import {
  useAdjustPoints,
  useChooseMemberLevel,
  useCustomerMembership,
  useEnrolMember,
  useLevelHistory,
  useMemberLevels,
  usePointsLedger,
  useRemoveMember,
} from './queries';

type LevelValues = { levelId?: number; levelLocked?: boolean };
type AdjustValues = { points: number; reason: string };

/** The level choice of the enrol and change-level dialogs. */
function LevelFields() {
  const { t } = useTranslation();
  const { locale } = useSession();
  const levels = useMemberLevels();
  return (
    <>
      <Form.Item name="levelId" label={t('membership.level')}>
        <Select
          allowClear
          data-testid="member-level"
          options={(levels.data ?? []).map((l) => ({ value: l.id, label: locale === 'en' ? l.nameEn : l.nameZh }))}
        />
      </Form.Item>
      <Form.Item name="levelLocked" valuePropName="checked" extra={t('membership.levelLockedHelp')}>
        <Checkbox>{t('membership.levelLocked')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** The customer page's membership tab: level, balance, points ledger and level history, with enrolment and adjustments. */
export function MembershipTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { can, locale } = useSession();
  const money = useMoney();
  const required = useRequired();
  const membership = useCustomerMembership(customerId);
  const enrol = useEnrolMember(customerId);
  const chooseLevel = useChooseMemberLevel(customerId);
  const remove = useRemoveMember(customerId);
  const adjust = useAdjustPoints(customerId);
  const enrolDialog = useSaveDialog<Member>();
  const levelDialog = useSaveDialog<Member>();
  const adjustDialog = useSaveDialog<Member>();
  const member = membership.data?.member ?? null;
  const active = member?.status === 'active';
  const editable = can('membership.edit');
  const levelName = (m: { levelNameZh: string; levelNameEn: string }) =>
    locale === 'en' ? m.levelNameEn : m.levelNameZh;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="membership-tab">
      {!membership.isLoading && !active && (
        <Empty
          description={
            member?.removedAt
              ? t('membership.removed', { date: dayjs(member.removedAt).format('YYYY-MM-DD') })
              : t('membership.notMember')
          }
        >
          {editable && (
            <Button type="primary" onClick={enrolDialog.openNew} data-testid="member-enrol">
              {t('membership.enrol')}
            </Button>
          )}
        </Empty>
      )}
      {member && active && (
        <Card
          size="small"
          title={
            <Space>
              <span>{member.number}</span>
              <Tag color="gold">{levelName(member)}</Tag>
              {member.levelLocked && <Tag>{t('membership.locked')}</Tag>}
            </Space>
          }
          extra={
            editable && (
              <Space wrap>
                <Button type="primary" onClick={() => adjustDialog.openEdit(member)} data-testid="member-adjust">
                  {t('membership.adjust')}
                </Button>
                <Button onClick={() => levelDialog.openEdit(member)}>{t('membership.changeLevel')}</Button>
                <Popconfirm title={t('membership.removeConfirm')} onConfirm={() => remove.mutateAsync()}>
                  <Button danger>{t('membership.remove')}</Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('membership.balance')}>
              <Space>
                <Typography.Text strong data-testid="member-balance">
                  {member.balance}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('membership.balanceValue', { value: money(member.balanceValue, member.currency) })}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('membership.discountPercent')}>{member.discountPercent}%</Descriptions.Item>
            <Descriptions.Item label={t('membership.multiplier')}>×{member.multiplier}</Descriptions.Item>
            <Descriptions.Item label={t('membership.spend12Months')}>
              {money(member.spend12Months, member.currency)}
            </Descriptions.Item>
            <Descriptions.Item label={t('membership.nextLevel')}>
              {member.nextLevel
                ? t('membership.nextLevelAt', {
                    level: locale === 'en' ? member.nextLevel.nameEn : member.nextLevel.nameZh,
                    spend: money(member.nextLevel.minSpend, member.currency),
                  })
                : t('membership.topLevel')}
            </Descriptions.Item>
            <Descriptions.Item label={t('membership.enrolledAt')}>
              {dayjs(member.enrolledAt).format('YYYY-MM-DD')}
              {member.enrolledByName ? ` · ${member.enrolledByName}` : ''}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {member && <PointsLedger customerId={customerId} />}
      {member && <LevelHistory customerId={customerId} />}

      <SaveDialog<Member, LevelValues>
        dialog={enrolDialog}
        title={t('membership.enrolTitle')}
        initialValues={{ levelLocked: false }}
        onSave={(values) =>
          enrol.mutateAsync({ levelId: values.levelId ?? undefined, levelLocked: values.levelLocked })
        }
        saveTestId="member-enrol-save"
      >
        <LevelFields />
      </SaveDialog>
      <SaveDialog<Member, LevelValues>
        dialog={levelDialog}
        title={t('membership.changeLevel')}
        toValues={(m) => ({ levelId: m.levelId, levelLocked: m.levelLocked })}
        onSave={(values) =>
          chooseLevel.mutateAsync({ levelId: values.levelId!, levelLocked: Boolean(values.levelLocked) })
        }
      >
        <LevelFields />
      </SaveDialog>
      <SaveDialog<Member, AdjustValues>
        dialog={adjustDialog}
        title={t('membership.adjustTitle')}
        toValues={() => ({})}
        onSave={(values) => adjust.mutateAsync({ points: Number(values.points), reason: values.reason })}
        saveTestId="member-adjust-save"
      >
        <Form.Item
          name="points"
          label={t('membership.points')}
          rules={required.value}
          extra={t('membership.pointsHelp')}
        >
          <InputNumber precision={0} style={{ width: '100%' }} data-testid="member-adjust-points" />
        </Form.Item>
        <Form.Item name="reason" label={t('membership.reason')} rules={required.text}>
          <Input.TextArea rows={2} maxLength={500} data-testid="member-adjust-reason" />
        </Form.Item>
      </SaveDialog>
    </Space>
  );
}

/** What a ledger entry was about: the reason typed, or the document it came from. */
function useEntryDetail() {
  const { t } = useTranslation();
  return (entry: PointsEntry) => {
    const order = entry.orderId ? (
      <Link to={`/orders/${entry.orderId}`}>{entry.orderNumber ?? entry.orderId}</Link>
    ) : null;
    if (entry.kind === 'adjusted') return entry.reason ?? '';
    if (entry.kind === 'expired') return t('membership.detail.expired', { year: entry.bucketYear });
    return (
      <Space size={4}>
        <span>{t(`membership.detail.${entry.kind}`, { receipt: entry.receiptNumber ?? '' })}</span>
        {order}
      </Space>
    );
  };
}

function PointsLedger({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const paging = useTabPaging();
  const ledger = usePointsLedger(customerId, { page: paging.page, pageSize: paging.pageSize });
  const detail = useEntryDetail();
  return (
    <Card size="small" title={t('membership.ledger')}>
      <TabTable<PointsEntry>
        paging={paging}
        list={ledger.data}
        loading={ledger.isFetching}
        empty={t('membership.emptyLedger')}
        data-testid="points-ledger"
        columns={[
          {
            title: t('membership.columns.occurredAt'),
            dataIndex: 'occurredAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('membership.columns.kind'),
            dataIndex: 'kind',
            render: (kind: PointsEntry['kind']) => <Tag>{t(`membership.kinds.${kind}`)}</Tag>,
          },
          {
            title: t('membership.columns.points'),
            dataIndex: 'points',
            align: 'right',
            render: (v: number) => (
              <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? `+${v}` : v}</Typography.Text>
            ),
          },
          { title: t('membership.columns.balanceAfter'), dataIndex: 'balanceAfter', align: 'right' },
          { title: t('membership.columns.detail'), key: 'detail', render: (_, entry) => detail(entry) },
          {
            title: t('membership.columns.by'),
            dataIndex: 'createdByName',
            render: (v: string | null) => v ?? t('membership.system'),
          },
        ]}
      />
    </Card>
  );
}

function LevelHistory({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const money = useMoney();
  const history = useLevelHistory(customerId);
  const name = (n: { zh: string; en: string } | null) => (n ? (locale === 'en' ? n.en : n.zh) : '-');
  return (
    <Card size="small" title={t('membership.levelHistory')}>
      <Table<LevelChange>
        rowKey="id"
        size="small"
        pagination={false}
        loading={history.isLoading}
        dataSource={history.data ?? []}
        locale={{ emptyText: <Empty description={t('membership.emptyHistory')} /> }}
        columns={[
          {
            title: t('membership.columns.occurredAt'),
            dataIndex: 'createdAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          { title: t('membership.columns.from'), dataIndex: 'fromLevelName', render: name },
          { title: t('membership.columns.to'), dataIndex: 'toLevelName', render: name },
          {
            title: t('membership.columns.reason'),
            dataIndex: 'reason',
            render: (reason: LevelChange['reason']) => t(`membership.changeReasons.${reason}`),
          },
          {
            title: t('membership.columns.spend'),
            dataIndex: 'spend',
            render: (v: string | null) => (v === null ? '-' : money(v)),
          },
          {
            title: t('membership.columns.by'),
            dataIndex: 'createdByName',
            render: (v: string | null) => v ?? t('membership.system'),
          },
        ]}
      />
    </Card>
  );
}
