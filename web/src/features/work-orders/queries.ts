import type {
  Body,
  QueryOf,
  TechnicianPosition,
  WorkOrderCheckIn,
  WorkOrderCheckOut,
  WorkOrderInput,
  WorkOrderQuery,
} from '@relate/common';
import { useMutation, useQuery } from '@tanstack/react-query';
import { keysFor, useRefresh } from '../../app/query-keys';
import { workOrdersApi } from './api';

export const workOrderKeys = keysFor('work-orders');

export function useWorkOrders(query: QueryOf<typeof WorkOrderQuery>, enabled = true) {
  return useQuery({ queryKey: workOrderKeys.list(query), queryFn: () => workOrdersApi.list(query), enabled });
}

export function useCreateWorkOrder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Body<typeof WorkOrderInput>) => workOrdersApi.create(body),
    onSuccess: () => refresh('work-orders'),
  });
}

export function useAcceptWorkOrder() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: workOrdersApi.accept, onSuccess: () => refresh('work-orders') });
}

export function useCheckIn() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof WorkOrderCheckIn> }) => workOrdersApi.checkIn(id, body),
    onSuccess: () => refresh('work-orders'),
  });
}

/** Checking out takes the parts used from stock, where stock is tracked. */
export function useCheckOut() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Body<typeof WorkOrderCheckOut> }) =>
      workOrdersApi.checkOut(id, body),
    onSuccess: () => refresh('work-orders', 'inventory'),
  });
}

/** A photo is an attachment of the work order. */
export function useAddWorkOrderPhoto() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, file }: { id: number; file: File }) => workOrdersApi.addPhoto(id, file),
    onSuccess: () => refresh('attachments', 'work-orders'),
  });
}

/** Nothing on screen shows where technicians are, so there is nothing to refresh. */
export function useReportPosition() {
  return useMutation({ mutationFn: (body: Body<typeof TechnicianPosition>) => workOrdersApi.reportPosition(body) });
}
