/**
 * Ask the browser to keep our IndexedDB under storage pressure (navigator.storage.persist()).
 * persist() exists in window contexts only (extension pages such as the notes library or options),
 * not in a background service worker, where this resolves to 'unsupported'. Never rejects.
 */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

interface StorageLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

export async function requestPersistence(nav: { storage?: StorageLike } | undefined = (globalThis as { navigator?: { storage?: StorageLike } }).navigator): Promise<PersistenceState> {
  try {
    const storage = nav?.storage;
    if (!storage || typeof storage.persist !== 'function') return 'unsupported';
    if (typeof storage.persisted === 'function' && (await storage.persisted()) === true) return 'granted';
    return (await storage.persist()) === true ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
