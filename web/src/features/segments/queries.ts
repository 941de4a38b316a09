import type { Body, QueryOf, SegmentEntity, SegmentGroup, SegmentInput, SegmentQuery } from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keysFor, useRefresh } from '../../app/query-keys';
import { segmentsApi } from './api';

export const segmentKeys = {
  ...keysFor('segments'),
  count: (entity: string, filter: string) => keysFor('segments').part('count', entity, filter),
  members: (id: number, query: object) => keysFor('segments').part('members', id, query),
};

export function useSegments(query: QueryOf<typeof SegmentQuery>, enabled = true) {
  return useQuery({
    queryKey: segmentKeys.list(query),
    queryFn: () => segmentsApi.list(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSegment(id: number, enabled = true) {
  return useQuery({ queryKey: segmentKeys.detail(id), queryFn: () => segmentsApi.get(id), enabled });
}

/** The live count of a filter being edited, asked for once the filter has been still for a moment. */
export function useSegmentCount(entity: SegmentEntity, filter: SegmentGroup, enabled = true) {
  const text = JSON.stringify(filter);
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 400);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: segmentKeys.count(entity, settled),
    queryFn: () => segmentsApi.count(entity, JSON.parse(settled) as SegmentGroup),
    placeholderData: keepPreviousData,
    retry: false,
    enabled,
  });
}

export function useSegmentMembers(id: number, query: { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: segmentKeys.members(id, query),
    queryFn: () => segmentsApi.members(id, query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSaveSegment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof SegmentInput> }) =>
      id
        ? segmentsApi.update(id, { name: body.name, filter: body.filter, description: body.description })
        : segmentsApi.create(body),
    onSuccess: () => refresh('segments'),
  });
}

export function useDeleteSegment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: segmentsApi.remove, onSuccess: () => refresh('segments') });
}

export function useAddSegmentMembers() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ids }: { id: number; ids: number[] }) => segmentsApi.addMembers(id, ids),
    onSuccess: () => refresh('segments'),
  });
}

export function useRemoveSegmentMember(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (entityId: number) => segmentsApi.removeMember(id, entityId),
    onSuccess: () => refresh('segments'),
  });
}

/** Freezes a segment's members into a campaign: its members, figures and the records' campaigns change. */
export function useAddSegmentToCampaign() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ campaignId, segmentId }: { campaignId: number; segmentId: number }) =>
      segmentsApi.addToCampaign(campaignId, segmentId),
    onSuccess: () => refresh('campaigns'),
  });
}
