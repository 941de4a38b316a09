import { FolderOpenOutlined, FolderOutlined, InboxOutlined } from '@ant-design/icons';
import type { SavedReport } from '@relate/common';
import { Tree, type TreeDataNode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { type FolderNode, type FolderPick, folderPath, folderTree } from './saved-report-library';

const allKey = 'all';
const noFolderKey = 'none';
const folderKey = (path: string) => `folder:${path}`;

const keyOf = (pick: FolderPick) => (pick === undefined ? allKey : pick === null ? noFolderKey : folderKey(pick));
const pickOf = (key: string): FolderPick =>
  key === allKey ? undefined : key === noFolderKey ? null : key.slice(folderKey('').length);

function Title({ name, count }: { name: string; count: number }) {
  return (
    <span>
      {name} <Typography.Text type="secondary">({count})</Typography.Text>
    </span>
  );
}

/** The library's folders: every report, each folder the reports name (nested by "/"), and those in none; with counts. */
export function ReportFolderTree({
  reports,
  selected,
  onSelect,
}: {
  reports: readonly SavedReport[];
  selected: FolderPick;
  onSelect: (folder: FolderPick) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useSession();
  const toNode = (folder: FolderNode): TreeDataNode => ({
    key: folderKey(folder.path),
    title: <Title name={folder.name} count={folder.count} />,
    icon: ({ expanded }: { expanded?: boolean }) => (expanded ? <FolderOpenOutlined /> : <FolderOutlined />),
    children: folder.children.map(toNode),
  });
  const unfiled = reports.filter((r) => folderPath(r.folder) === null).length;
  const treeData: TreeDataNode[] = [
    {
      key: allKey,
      title: <Title name={t('reports.library.all')} count={reports.length} />,
      icon: <FolderOpenOutlined />,
      children: folderTree(reports, locale).map(toNode),
    },
    {
      key: noFolderKey,
      title: <Title name={t('reports.library.noFolder')} count={unfiled} />,
      icon: <InboxOutlined />,
    },
  ];
  return (
    <Tree
      blockNode
      showIcon
      defaultExpandAll
      // Reports arrive after the first paint: expand the folders they bring.
      key={reports.length ? 'loaded' : 'loading'}
      aria-label={t('reports.library.folders')}
      selectedKeys={[keyOf(selected)]}
      treeData={treeData}
      onSelect={(_, { node }) => onSelect(pickOf(String(node.key)))}
    />
  );
}
