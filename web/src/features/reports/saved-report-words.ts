import { reportFieldLabel, type SavedReport, type Translate } from '@relate/common';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useDepartments } from '../../components/queries';
import { useReportSources } from './queries';
import { useRoleNames } from './ShareTargetSelects';

/** What a saved report counts, in words: its source and what it is grouped by ("客户 · 按客户级别、负责人"). */
export function useReportSourceText() {
  const { t } = useTranslation();
  const { locale } = useSession();
  const sources = useReportSources();
  return (report: SavedReport) => {
    const { source, groupBy = [] } = report.definition;
    const words = {
      t: t as Translate,
      locale,
      // Custom fields are named by their own names.
      fields: sources.data?.find((s) => s.source === source)?.fields ?? [],
      dictionaryLabel: (_: string, code: string) => code,
    };
    const sourceText = t(`reports.sources.${source}`);
    if (!groupBy.length) return sourceText;
    const fields = groupBy
      .map((grouping) => reportFieldLabel(source, grouping.field, words))
      .join(t('reports.library.fieldSeparator'));
    return t('reports.library.sourceBy', { source: sourceText, fields });
  };
}

/** Who else sees a saved report, in words: its departments' names, and its roles' (or how many, to those who may not read roles). */
export function useSharedWithText() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const roleNames = useRoleNames();
  return (report: SavedReport): string => {
    const departmentNames = report.sharedWithDepartmentIds.map(
      (id) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`,
    );
    const names = [...departmentNames, ...roleNames.names(report.sharedWithRoleIds)];
    return names.length ? names.join(t('reports.library.fieldSeparator')) : t('reports.library.notShared');
  };
}
