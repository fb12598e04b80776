import { createParameterDecorator } from 'type-graphql';
import { ownerScope, type OwnerScope } from '../../db/owner-scope';
import { unauthenticated } from '../../lib/errors';
import type { RequestContext } from './context';

/**
 * The signed-in user's scope as a resolver argument, or UNAUTHENTICATED. For root fields only:
 * a parameter decorator wraps its field, and plain fields stay on graphql-js's fast path.
 */
export function CurrentUser() {
  return createParameterDecorator<RequestContext>(({ context }): OwnerScope => {
    if (context.userId === null) throw unauthenticated();
    return ownerScope(context.userId);
  });
}
