import { type Actor, inScope } from '@app/common';

/**
 * A contact's phone and email are personal data: a reader sees them only for contacts serving a
 * unit in the reader's own subtree (the rule of the contacts list), wherever else the contact
 * appears, e.g. as a task's liaison in a plan that the whole city reads.
 */
export function canSeeContactDetails(actor: Actor, servedUnit: { path: string }): boolean {
  return inScope(actor, servedUnit);
}
