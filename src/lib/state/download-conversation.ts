/**
 * My record of one conversation as a JSON file (../transfer/conversation-export.ts): from its
 * screen, or from Settings for someone I removed and kept the conversation of. The export code
 * loads only when asked.
 */
import type * as Y from 'yjs';
import { downloadJson } from '../util/download';

export async function downloadConversation(vault: Y.Doc, contactId: string): Promise<void> {
  const { exportOneConversation } = await import('../transfer/json-export');
  const { conversationFileName } = await import('../transfer/conversation-export');
  const now = new Date();
  const data = exportOneConversation(vault, contactId, now);
  downloadJson(conversationFileName(data.conversations?.[0]?.name ?? '', now), data);
}
