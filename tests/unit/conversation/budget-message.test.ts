import { describe, expect, it } from 'vitest';
import { budgetMessage } from '../../../src/lib/conversation/budget-message';

describe('budgetMessage', () => {
  it('says plainly what happened, what is not affected, and the choice, on the conversation screen', () => {
    expect(budgetMessage('Sam', 'storage', 'conversation')).toBe(
      'Sam’s side has sent more than Mull keeps for one conversation (50 MB, or 20,000 messages), so Mull stopped taking new messages from it. Your journal and other conversations aren’t affected. Replies you write here stay on your devices. If you’d rather not keep this conversation, you can remove Sam.',
    );
    expect(budgetMessage('Sam', 'rate', 'conversation')).toContain(
      'Your journal and other conversations aren’t affected.',
    );
  });

  it('points to the conversation from the Inbox row', () => {
    expect(budgetMessage('Robin', 'rate', 'inbox')).toBe(
      'Robin’s side sent updates much faster than people write, so Mull stopped taking new messages from it for now (up to an hour). Open the conversation to see your choices.',
    );
  });
});
