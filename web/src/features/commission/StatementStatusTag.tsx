import { LockOutlined } from '@ant-design/icons';
import type { StatementStatus } from '@relate/common';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<StatementStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  rejected: 'red',
  locked: 'green',
};

/** A statement's status; a locked one (approved, never computed again) carries a lock. */
export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={colors[status]}
      icon={status === 'locked' ? <LockOutlined /> : undefined}
      data-testid="statement-status"
    >
      {t(`commission.statuses.${status}`)}
    </Tag>
  );
}
