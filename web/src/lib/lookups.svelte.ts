import { AccountsDocument, CategoriesDocument } from '../graphql/generated/graphql';
import { watchQuery } from './query.svelte';

/** Accounts and categories for pickers; Apollo shares one request between every screen that asks. */
export function watchLookups() {
  const accounts = watchQuery(AccountsDocument);
  const categories = watchQuery(CategoriesDocument);
  return {
    get accounts() {
      return accounts.data?.accounts ?? [];
    },
    get categories() {
      return categories.data?.categories ?? [];
    },
    get error() {
      return accounts.error ?? categories.error;
    },
  };
}
