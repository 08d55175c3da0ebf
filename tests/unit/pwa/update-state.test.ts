import { describe, expect, it } from 'vitest';
import {
  accept,
  bannerVisible,
  dismiss,
  initialUpdateState,
  onActivatedElsewhere,
  onNewVersionWaiting,
  reloadAllowed,
  type PageActivity,
} from '../../../src/lib/pwa/update-state';

const quiet: PageActivity = { editorFocused: false, composing: false, pendingWrites: 0 };

describe('the update banner', () => {
  it('is hidden until a new version is waiting', () => {
    expect(bannerVisible(initialUpdateState)).toBe(false);
    expect(bannerVisible(onNewVersionWaiting(initialUpdateState))).toBe(true);
  });

  it('goes away with "Later" and comes back for the next new version', () => {
    const later = dismiss(onNewVersionWaiting(initialUpdateState));
    expect(bannerVisible(later)).toBe(false);
    expect(bannerVisible(onNewVersionWaiting(later))).toBe(true);
  });

  it('tells this tab when another tab activated the new version', () => {
    const elsewhere = onActivatedElsewhere(onNewVersionWaiting(initialUpdateState));
    expect(elsewhere.phase).toBe('activated-elsewhere');
    expect(bannerVisible(elsewhere)).toBe(true);
  });

  it('stays accepted once the person said yes, whatever arrives next', () => {
    const accepted = accept(onNewVersionWaiting(initialUpdateState));
    expect(accepted.phase).toBe('accepted');
    expect(onNewVersionWaiting(accepted)).toBe(accepted);
    // Our own activation also looks like "a new worker took control".
    expect(onActivatedElsewhere(accepted)).toBe(accepted);
  });

  it('cannot be accepted when there is nothing to update to', () => {
    expect(accept(initialUpdateState)).toBe(initialUpdateState);
  });

  it('can be accepted after another tab activated the update', () => {
    expect(accept(onActivatedElsewhere(initialUpdateState)).phase).toBe('accepted');
  });
});

describe('reloading for an update', () => {
  it('is allowed when nothing is being written', () => {
    expect(reloadAllowed(quiet)).toBe(true);
  });

  it('waits while an editor has focus', () => {
    expect(reloadAllowed({ ...quiet, editorFocused: true })).toBe(false);
  });

  it('waits during an IME composition', () => {
    expect(reloadAllowed({ ...quiet, composing: true })).toBe(false);
  });

  it('waits until every edit has reached storage', () => {
    expect(reloadAllowed({ ...quiet, pendingWrites: 1 })).toBe(false);
  });
});
