/**
 * Short, polite notes at the bottom of the screen ("Moved to Trash — Undo"). One at a time:
 * a new note replaces the old, so nothing piles up.
 */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void };
}

/** Long enough to read and reach the Undo button without hurrying. */
export const TOAST_MS = 8000;

class Toasts {
  current = $state<Toast | null>(null);
  #nextId = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(message: string, action?: Toast['action']): void {
    clearTimeout(this.#timer);
    const toast: Toast = { id: this.#nextId++, message, action };
    this.current = toast;
    this.#timer = setTimeout(() => this.dismiss(toast.id), TOAST_MS);
  }

  dismiss(id?: number): void {
    if (id === undefined || this.current?.id === id) this.current = null;
  }
}

export const toasts = new Toasts();
