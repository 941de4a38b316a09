import type { Role, SavedReport } from '@relate/common';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDepartments } from '../../components/queries';
import { useRoles } from '../admin/queries';

/** Whom a saved report or a dashboard is shared with. */
export type ShareTargets = Pick<SavedReport, 'sharedWithRoleIds' | 'sharedWithDepartmentIds'>;

/**
 * Roles by name in the reader's language; to those who may not read roles, how many there are. Those
 * who may read roles are the ones who choose them.
 */
export function useRoleNames() {
  const { t } = useTranslation();
  const { can, locale } = useSession();
  const mayRead = can('roles.view');
  const roles = useRoles({ enabled: mayRead });
  const nameOf = (role: Role) => (locale === 'en' && role.nameEn) || role.name;
  return {
    mayRead,
    roles: roles.data,
    nameOf,
    names: (ids: number[]): string[] =>
      roles.data
        ? ids.map((id) => {
            const role = roles.data.find((r) => r.id === id);
            return role ? nameOf(role) : `#${id}`;
          })
        : ids.length
          ? [t('reports.library.roleCount', { count: ids.length })]
          : [],
  };
}

/**
 * The departments and roles a saved report or a dashboard is shared with, side by side (as a form field
 * or on its own); a department's share reaches every department below it, as the hint says. Roles are chosen by those who may read them; for others, the roles it is shared with
 * stay as they are.
 */
export function ShareTargetSelects({
  value = { sharedWithRoleIds: [], sharedWithDepartmentIds: [] },
  onChange,
}: {
  value?: ShareTargets;
  onChange?: (value: ShareTargets) => void;
}) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const { mayRead, roles, nameOf } = useRoleNames();
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        <Select
          aria-label={t('sharing.departments')}
          placeholder={t('sharing.departments')}
          mode="multiple"
          optionFilterProp="label"
          style={{ minWidth: 220 }}
          value={value.sharedWithDepartmentIds}
          onChange={(ids: number[]) => onChange?.({ ...value, sharedWithDepartmentIds: ids })}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        {mayRead && (
          <Select
            aria-label={t('sharing.roles')}
            placeholder={t('sharing.roles')}
            mode="multiple"
            optionFilterProp="label"
            style={{ minWidth: 220 }}
            loading={!roles}
            value={value.sharedWithRoleIds}
            onChange={(ids: number[]) => onChange?.({ ...value, sharedWithRoleIds: ids })}
            options={(roles ?? []).map((r) => ({ value: r.id, label: nameOf(r) }))}
          />
        )}
      </Space>
      <Typography.Text type="secondary" data-testid="share-reach">
        {t('insight.shareReach')}
      </Typography.Text>
    </Space>
  );
}
