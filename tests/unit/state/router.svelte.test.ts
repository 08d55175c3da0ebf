// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { href, parseHash, router } from '../../../src/lib/state/router.svelte';
import { createPrng } from '../../helpers/prng';

describe('parseHash', () => {
  it.each([
    ['', { name: 'today' }],
    ['#', { name: 'today' }],
    ['#/', { name: 'today' }],
    ['#/today', { name: 'today' }],
    ['#/journal', { name: 'journal' }],
    ['#/trash', { name: 'trash' }],
    ['#/inbox', { name: 'inbox' }],
    ['#/insights', { name: 'insights' }],
    ['#/settings', { name: 'settings' }],
    ['#/settings/', { name: 'settings' }],
    ['#journal', { name: 'journal' }],
    ['#//journal', { name: 'journal' }],
  ])('reads %j as %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('reads an entry route, with and without ?edit', () => {
    expect(parseHash('#/entry/abc-123')).toEqual({ name: 'entry', id: 'abc-123', editing: false });
    expect(parseHash('#/entry/abc-123?edit')).toEqual({
      name: 'entry',
      id: 'abc-123',
      editing: true,
    });
    expect(parseHash('#/entry/abc?other=1')).toMatchObject({ editing: false });
  });

  it('decodes an encoded entry id', () => {
    expect(parseHash('#/entry/a%2Fb%20c')).toEqual({ name: 'entry', id: 'a/b c', editing: false });
  });

  it.each([
    ['#/nowhere', 'nowhere'],
    ['#/journal/extra', 'journal/extra'],
    ['#/entry', 'entry'],
    ['#/entry/', 'entry/'],
    ['#/entry/a/b', 'entry/a/b'],
    ['#/Today', 'Today'],
  ])('sends %j to not-found with its path', (hash, path) => {
    expect(parseHash(hash)).toEqual({ name: 'not-found', path: `/${path}` });
  });

  it('sends a malformed percent-encoding to not-found instead of throwing', () => {
    expect(parseHash('#/entry/100%')).toMatchObject({ name: 'not-found' });
  });
});

describe('href', () => {
  it('spells the fixed routes', () => {
    expect(href).toMatchObject({
      today: '#/today',
      journal: '#/journal',
      trash: '#/trash',
      inbox: '#/inbox',
      insights: '#/insights',
      settings: '#/settings',
    });
  });

  it('every fixed route parses back to itself', () => {
    for (const name of ['today', 'journal', 'trash', 'inbox', 'insights', 'settings'] as const) {
      expect(parseHash(href[name])).toEqual({ name });
    }
  });

  it('builds entry links that parse back to the same id and mode', () => {
    expect(href.entry('abc')).toBe('#/entry/abc');
    expect(href.entry('abc', true)).toBe('#/entry/abc?edit');
    const prng = createPrng(7);
    const alphabet = 'aZ9-_./?#&%= é🌊+';
    for (let i = 0; i < 200; i++) {
      const id = Array.from({ length: prng.int(1, 12) }, () => prng.pick([...alphabet])).join('');
      const editing = prng.next() < 0.5;
      expect(parseHash(href.entry(id, editing))).toEqual({ name: 'entry', id, editing });
    }
  });
});

describe('router', () => {
  it('follows hash changes', async () => {
    const changed = new Promise((resolve) =>
      window.addEventListener('hashchange', resolve, { once: true }),
    );
    location.hash = href.trash;
    await changed;
    expect(router.route).toEqual({ name: 'trash' });
  });

  it('go() sets the hash, and the route follows', async () => {
    const changed = new Promise((resolve) =>
      window.addEventListener('hashchange', resolve, { once: true }),
    );
    router.go(href.journal);
    await changed;
    expect(location.hash).toBe('#/journal');
    expect(router.route).toEqual({ name: 'journal' });
  });

  it('go() with replace changes the route at once without a new history entry', () => {
    const length = history.length;
    router.go(href.entry('e1', true), { replace: true });
    expect(router.route).toEqual({ name: 'entry', id: 'e1', editing: true });
    expect(location.hash).toBe('#/entry/e1?edit');
    expect(history.length).toBe(length);
  });
});
