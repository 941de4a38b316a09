import type { Body, DeliveryInput, OrderDetail, OrderInput, OrderQuery, QueryOf } from '@relate/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keysFor, useRefresh, useRefreshAfterDelete } from '../../app/query-keys';
import { ordersApi } from './api';

export const orderKeys = keysFor('orders');

export function useOrders(filters: QueryOf<typeof OrderQuery>) {
  return useQuery({
    queryKey: orderKeys.list(filters),
    queryFn: () => ordersApi.list(filters),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: number | undefined) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => ordersApi.get(id!), enabled: Boolean(id) });
}

export function useSaveOrder() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: Body<typeof OrderInput> }) => {
      if (!id) return ordersApi.create(body);
      // An order's customer is fixed once it is made.
      const { customerId, ...patch } = body;
      return ordersApi.update(id, patch);
    },
    onSuccess: () => refresh('orders'),
  });
}

export function useOrderFromQuote() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ordersApi.fromQuote, onSuccess: () => refresh('orders') });
}

/** A change of an order whose reply is the order itself: shown at once, then every view of it refreshed. */
function useOrderChange<V>(change: (variables: V) => Promise<OrderDetail>) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: change,
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      return refresh('orders');
    },
  });
}

export function useSubmitOrder() {
  return useOrderChange(ordersApi.submit);
}

export function useCompleteOrder() {
  return useOrderChange(ordersApi.complete);
}

export function useCancelOrder() {
  return useOrderChange(({ id, reason }: { id: number; reason: string }) => ordersApi.cancel(id, { reason }));
}

export function useDeliverOrder() {
  return useOrderChange(({ id, body }: { id: number; body: Body<typeof DeliveryInput> }) =>
    ordersApi.deliver(id, body),
  );
}

export function useDeleteOrder() {
  const refreshAfterDelete = useRefreshAfterDelete();
  return useMutation({
    mutationFn: ordersApi.remove,
    onSuccess: (_, id) => refreshAfterDelete([id], 'orders'),
  });
}
