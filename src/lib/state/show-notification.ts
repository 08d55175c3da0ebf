/**
 * Shows a system notification: through the service worker when there is one (the only way on
 * Android, and it survives the page), or from the page itself where there is none.
 */
export function showNotification(title: string, options: NotificationOptions): void {
  const worker = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  const fromPage = (): void => void new Notification(title, options);
  if (!worker) {
    fromPage();
    return;
  }
  void worker.ready.then((r) => r.showNotification(title, options)).catch(fromPage);
}
