import type {
  Body,
  LoyaltySettings,
  MemberEnrolment,
  MemberLevelChoice,
  MemberLevelInput,
  PointsAdjustment,
} from '@relate/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { membershipApi } from './api';

export const membershipKeys = keysFor('membership');
const customerKeys = (customerId: number) => membershipKeys.part('customer', customerId);

export function useMemberLevels(enabled = true) {
  return useQuery({ queryKey: membershipKeys.part('levels'), queryFn: membershipApi.levels, enabled });
}

export function useLoyaltySettings(enabled = true) {
  return useQuery({ queryKey: membershipKeys.part('settings'), queryFn: membershipApi.settings, enabled });
}

/** A customer's membership (null member when not one); off until there is a customer. */
export function useCustomerMembership(customerId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: customerKeys(customerId ?? 0),
    queryFn: () => membershipApi.ofCustomer(customerId!),
    enabled: enabled && Boolean(customerId),
  });
}

export function usePointsLedger(customerId: number, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...customerKeys(customerId), 'ledger', page],
    queryFn: () => membershipApi.ledger(customerId, page),
    placeholderData: keepPreviousData,
  });
}

export function useLevelHistory(customerId: number) {
  return useQuery({
    queryKey: [...customerKeys(customerId), 'level-history'],
    queryFn: () => membershipApi.levelHistory(customerId),
  });
}

export function useSaveMemberLevel() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof MemberLevelInput> }) =>
      id ? membershipApi.updateLevel(id, body) : membershipApi.createLevel(body),
    onSuccess: () => refresh('membership'),
  });
}

export function useDeleteMemberLevel() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: membershipApi.removeLevel, onSuccess: () => refresh('membership') });
}

export function useSaveLoyaltySettings() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: LoyaltySettings) => membershipApi.saveSettings(body),
    onSuccess: () => refresh('membership'),
  });
}

export function useEnrolMember(customerId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof MemberEnrolment>) => membershipApi.enrol(customerId, body),
    onSuccess: () => refresh('membership'),
  });
}

export function useChooseMemberLevel(customerId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof MemberLevelChoice>) => membershipApi.chooseLevel(customerId, body),
    onSuccess: () => refresh('membership'),
  });
}

export function useRemoveMember(customerId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => membershipApi.remove(customerId), onSuccess: () => refresh('membership') });
}

export function useAdjustPoints(customerId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof PointsAdjustment>) => membershipApi.adjust(customerId, body),
    onSuccess: () => refresh('membership'),
  });
}
