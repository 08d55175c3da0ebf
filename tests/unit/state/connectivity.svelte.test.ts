// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ConnectivityState } from '../../../src/lib/state/connectivity.svelte';

describe('ConnectivityState', () => {
  it('follows the browser going offline and online, until destroyed', () => {
    const connectivity = new ConnectivityState();
    expect(connectivity.online).toBe(true);
    window.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(false);
    window.dispatchEvent(new Event('online'));
    expect(connectivity.online).toBe(true);
    connectivity.destroy();
    window.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(true);
  });
});
