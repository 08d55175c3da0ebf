/**
 * What Mull says when it stopped taking updates from a contact's side of a conversation
 * (../sync/room-budget.ts): plain, calm, specific; that the journal and the other
 * conversations are fine; and where the choices are. No blame: a runaway client is as likely
 * as a person doing it on purpose.
 */
import {
  CONVERSATION_BUDGET_LABEL,
  MAX_CONVERSATION_MESSAGES,
  type BudgetReason,
} from '../sync/room-budget';

/** The Inbox row (which opens the conversation), or the conversation screen. */
export type BudgetPlace = 'inbox' | 'conversation';

export function budgetMessage(name: string, reason: BudgetReason, place: BudgetPlace): string {
  const what =
    reason === 'storage'
      ? `${name}’s side has sent more than Mull keeps for one conversation (${CONVERSATION_BUDGET_LABEL}, or ${MAX_CONVERSATION_MESSAGES.toLocaleString('en')} messages), so Mull stopped taking new messages from it.`
      : `${name}’s side sent updates much faster than people write, so Mull stopped taking new messages from it for now (up to an hour).`;
  if (place === 'inbox') return `${what} Open the conversation to see your choices.`;
  const calm = 'Your journal and other conversations aren’t affected.';
  // What happens to a reply: past the budget the conversation is not loaded, so nothing can be
  // written into it; past the rate it is, and the room is joined again after RATE_PAUSE_MS.
  const replies =
    reason === 'storage'
      ? 'Replies you write here stay on your devices.'
      : 'A reply you send now goes out once that hour is over.';
  const choice =
    reason === 'storage'
      ? `If you’d rather not keep this conversation, you can remove ${name}.`
      : `If it keeps happening, you can remove ${name}.`;
  return `${what} ${calm} ${replies} ${choice}`;
}
