'use strict';
// Kyso's service worker: shows the notices notification-service pushes (RFC 8030; the browser has already decrypted
// them) and opens the portal where the notice points. It caches nothing, so a deploy is seen at the next load.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let notice = {};
  try { notice = event.data ? event.data.json() : {}; } catch (e) { notice = {}; }
  const english = !(self.navigator.language || 'vi').toLowerCase().startsWith('vi');
  const title = (english ? notice.titleEn : notice.title) || 'Kyso';
  const body = (english ? notice.bodyEn : notice.body) || '';
  // Only paths of this origin are opened: a notice cannot send the subscriber elsewhere.
  const url = typeof notice.url === 'string' && notice.url.startsWith('/') && !notice.url.startsWith('//')
    ? notice.url : '/';
  event.waitUntil(self.registration.showNotification(title, {
    body, tag: notice.tag || undefined, icon: '/icon-192.png', badge: '/icon-192.png', lang: english ? 'en' : 'vi',
    requireInteraction: notice.kind === 'SIGNATURE_REQUESTED', data: { url }
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || '/', self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
    const open = windows.find(w => new URL(w.url).origin === self.location.origin);
    if (open) { return open.navigate(target).then(w => (w || open).focus()); }
    return self.clients.openWindow(target);
  }));
});
