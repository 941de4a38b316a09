import type { SegmentEntity, SegmentKind } from '@relate/common';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSegments } from './queries';

/** Picks a segment, searched by name on the server; `entity` and `kind` narrow the choice. */
export function SegmentSelect({
  entity,
  kind,
  ...props
}: SelectProps & { entity?: SegmentEntity; kind?: SegmentKind }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isFetching } = useSegments({
    q: q || undefined,
    entity: entity ? [entity] : undefined,
    kind: kind ? [kind] : undefined,
    pageSize: 50,
  });
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      options={(data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name} · ${t(`segments.entities.${s.entity}`)} · ${t(`segments.kinds.${s.kind}`)}`,
      }))}
      {...props}
    />
  );
}
