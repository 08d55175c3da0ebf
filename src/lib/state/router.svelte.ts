/**
 * Hash routes: the app is one static page, so `#/journal` works from any static host and
 * from the service worker's cache. Unknown paths go to a kind "not found" screen.
 */
export type Route =
  | { name: 'today' }
  | { name: 'journal' }
  | { name: 'entry'; id: string; editing: boolean }
  | { name: 'trash' }
  | { name: 'search' }
  | { name: 'inbox' }
  | { name: 'insights' }
  | { name: 'settings' }
  | { name: 'join'; code: string }
  | { name: 'conversation'; contactId: string }
  | { name: 'reply'; contactId: string; replyTo: string | null }
  | { name: 'reflections' }
  | { name: 'not-found'; path: string };

const decodeOrNull = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null; // a stray "%": not a place in Mull
  }
};

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const decoded = path.split('/').filter(Boolean).map(decodeOrNull);
  if (decoded.includes(null)) return { name: 'not-found', path };
  const parts = decoded as string[];
  const [first, second] = parts;
  if (parts.length === 0) return { name: 'today' };
  if (parts.length === 1) {
    switch (first) {
      case 'today':
      case 'journal':
      case 'trash':
      case 'search':
      case 'reflections':
      case 'inbox':
      case 'insights':
      case 'settings':
        return { name: first };
    }
  }
  if (first === 'join' && second && parts.length === 2) return { name: 'join', code: second };
  if (first === 'conversation' && second && parts.length === 2) {
    return { name: 'conversation', contactId: second };
  }
  if (first === 'reply' && second && parts.length === 2) {
    return { name: 'reply', contactId: second, replyTo: new URLSearchParams(query).get('to') };
  }
  if (first === 'entry' && second && parts.length === 2) {
    return { name: 'entry', id: second, editing: new URLSearchParams(query).has('edit') };
  }
  return { name: 'not-found', path };
}

export const href = {
  today: '#/today',
  journal: '#/journal',
  trash: '#/trash',
  search: '#/search',
  reflections: '#/reflections',
  conversation: (contactId: string) => `#/conversation/${encodeURIComponent(contactId)}`,
  reply: (contactId: string, replyTo?: string) =>
    `#/reply/${encodeURIComponent(contactId)}${replyTo ? `?to=${encodeURIComponent(replyTo)}` : ''}`,
  inbox: '#/inbox',
  insights: '#/insights',
  settings: '#/settings',
  entry: (id: string, editing = false) =>
    `#/entry/${encodeURIComponent(id)}${editing ? '?edit' : ''}`,
};

class Router {
  #route = $state<Route>(
    typeof location === 'undefined' ? { name: 'today' } : parseHash(location.hash),
  );

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.#route = parseHash(location.hash);
      });
    }
  }

  get route(): Route {
    return this.#route;
  }

  go(hash: string, { replace = false } = {}): void {
    if (replace) {
      history.replaceState(history.state, '', hash);
      this.#route = parseHash(hash);
    } else {
      location.hash = hash;
    }
  }
}

export const router = new Router();
