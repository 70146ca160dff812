// The service worker of /inspect (built by vite-plugin-pwa from vite.config.ts: workbox's generateSW). Its scope
// is /inspect alone, so the dashboard and every other page never go through it. It precaches the HTML shell and
// keeps the scripts and styles /inspect uses in FIELD_ASSET_CACHE. The first visit loaded them before the worker
// existed, so the page itself puts what it loaded into that cache once the worker is ready.
export const FIELD_WORKER_URL = '/inspect-sw.js'
export const FIELD_SCOPE = '/inspect'
export const FIELD_ASSET_CACHE = 'inspect-assets'

export async function registerFieldWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return
  await navigator.serviceWorker.register(FIELD_WORKER_URL, { scope: FIELD_SCOPE })
  await navigator.serviceWorker.ready
  const assets = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
  const cache = await caches.open(FIELD_ASSET_CACHE)
  await Promise.all(assets.map(async (url) => (await cache.match(url)) ?? cache.add(url)))
}

/** The web manifest that makes /inspect installable, linked from this page only. */
export function linkFieldManifest(): void {
  if (document.querySelector('link[rel="manifest"]')) return
  const link = document.createElement('link')
  link.rel = 'manifest'
  link.href = '/inspect.webmanifest'
  document.head.append(link)
}
