import type { ObservableQuery, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { untrack } from 'svelte';
import { client } from './apollo';

/**
 * A query that follows the cache: call it while a component initialises. `variables` is read
 * reactively, so a change (a filter, a period) starts a new watch; the old data stays on screen
 * while the new data loads.
 */
export function watchQuery<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: () => NoInfer<TVariables> = () => ({}) as TVariables,
) {
  let data = $state.raw<TData | undefined>(undefined);
  let loading = $state(true);
  let error = $state.raw<unknown>(undefined);
  let observable: ObservableQuery<TData, TVariables> | undefined;

  $effect(() => {
    const current = variables();
    return untrack(() => {
      const watched = client.watchQuery<TData, TVariables>({ query, variables: current, notifyOnNetworkStatusChange: true });
      observable = watched;
      const subscription = watched.subscribe((result) => {
        if (result.data !== undefined) data = result.data as TData;
        loading = result.loading;
        error = result.error;
      });
      return () => subscription.unsubscribe();
    });
  });

  return {
    get data() {
      return data;
    },
    get loading() {
      return loading;
    },
    get error() {
      return error;
    },
    refetch: () => observable?.refetch(),
    get observable() {
      return observable;
    },
  };
}
