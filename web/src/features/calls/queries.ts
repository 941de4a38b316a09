import type {
  Body,
  CallWrapUpInput,
  CtiConnectionInput,
  CtiConnectionPatch,
  SeatInput,
  SeatState,
} from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { callsApi } from './api';

export const callKeys = keysFor('calls');
export const ctiKeys = { ...keysFor('cti'), seat: ['cti', 'seat'] as const, queue: ['cti', 'queue'] as const };

export function useMySeat(enabled = true) {
  return useQuery({ queryKey: ctiKeys.seat, queryFn: callsApi.seat, enabled, refetchInterval: 30_000 });
}

export function useSetSeatState() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (state: SeatState) => callsApi.setState(state), onSuccess: () => refresh('cti') });
}

export function useSetExtension() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (extension: string | null) => callsApi.setExtension(extension),
    onSuccess: () => refresh('cti'),
  });
}

export function useDial() {
  return useMutation({ mutationFn: (number: string) => callsApi.dial(number) });
}

export function useCall(id: number | undefined) {
  return useQuery({ queryKey: callKeys.detail(id), queryFn: () => callsApi.get(id!), enabled: Boolean(id) });
}

export function useWrapUp() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof CallWrapUpInput> }) => callsApi.wrapUp(id, body),
    onSuccess: () => refresh('calls', 'tickets', 'followups', 'tasks', 'cti'),
  });
}

export function useHangUp() {
  return useMutation({ mutationFn: (id: number) => callsApi.hangUp(id) });
}

export function useCtiConnections() {
  return useQuery({ queryKey: ctiKeys.list(), queryFn: callsApi.connections });
}

export function useSaveConnection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: number;
      body: Body<typeof CtiConnectionInput> | Body<typeof CtiConnectionPatch>;
    }) =>
      id ? callsApi.updateConnection(id, body) : callsApi.createConnection(body as Body<typeof CtiConnectionInput>),
    onSuccess: () => refresh('cti'),
  });
}

export function useDeleteConnection() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: number) => callsApi.deleteConnection(id), onSuccess: () => refresh('cti') });
}

export function useSeats() {
  return useQuery({ queryKey: ctiKeys.part('seats'), queryFn: callsApi.seats });
}

export function useSaveSeat() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: number; body: Body<typeof SeatInput> }) => callsApi.saveSeat(userId, body),
    onSuccess: () => refresh('cti'),
  });
}

export function useCallQueue(enabled = true) {
  return useQuery({ queryKey: ctiKeys.queue, queryFn: callsApi.queue, enabled, refetchInterval: 5_000 });
}
