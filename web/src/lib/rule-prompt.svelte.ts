// Learning: after the user categorises a row by hand, the server may suggest a rule ("Always
// categorise “tesco” as Groceries?"). One prompt for the whole app, shown without blocking the screen.
import {
  AcceptRuleSuggestionDocument, DismissRuleSuggestionDocument, RuleSuggestionsDocument, type RuleSuggestionFieldsFragment,
} from '../graphql/generated/graphql';
import { client, refreshActiveQueries } from './apollo';
import { errorSentence } from './errors';
import { suggestionFor } from './rules';
import { notify } from './toast.svelte';

export const rulePrompt = $state<{ suggestion: RuleSuggestionFieldsFragment | null }>({ suggestion: null });

/** Asks the server for open suggestions after a row got this category by hand, and offers the one for that row. */
export async function offerRuleFor(row: { description: string; categoryId: string | null }): Promise<void> {
  if (!row.categoryId) return;
  try {
    const { data } = await client.query({ query: RuleSuggestionsDocument, fetchPolicy: 'network-only' });
    rulePrompt.suggestion = suggestionFor(data?.ruleSuggestions ?? [], row) ?? rulePrompt.suggestion;
  } catch {
    // A suggestion is a nicety: the categorisation itself was saved, so a failure here says nothing.
  }
}

const closeIf = (id: string) => {
  if (rulePrompt.suggestion?.id === id) rulePrompt.suggestion = null;
};

export async function acceptSuggestion(suggestion: RuleSuggestionFieldsFragment): Promise<void> {
  try {
    await client.mutate({ mutation: AcceptRuleSuggestionDocument, variables: { id: suggestion.id } });
    closeIf(suggestion.id);
    client.cache.evict({ id: client.cache.identify(suggestion) });
    await refreshActiveQueries();
    notify('Rule created');
  } catch (error) {
    notify(errorSentence(error), 'error');
  }
}

/** "Don't ask again": the server never offers this one again. */
export async function dismissSuggestion(suggestion: RuleSuggestionFieldsFragment): Promise<void> {
  try {
    await client.mutate({ mutation: DismissRuleSuggestionDocument, variables: { id: suggestion.id } });
    closeIf(suggestion.id);
    client.cache.evict({ id: client.cache.identify(suggestion) });
    await refreshActiveQueries();
  } catch (error) {
    notify(errorSentence(error), 'error');
  }
}

/** "Not now": the prompt goes; the suggestion stays on the Rules screen. */
export function closeRulePrompt(): void {
  rulePrompt.suggestion = null;
}
