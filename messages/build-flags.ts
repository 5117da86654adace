/**
 * Build-time switches. Production builds have none of them set.
 *
 * VITE_CLAIM_LENS_E2E=1 is set only by the end-to-end build (scripts/e2e-utils.ts buildExtension):
 * the in-page UIs then use open shadow roots (so Playwright can look inside them) and the background
 * exposes its command and context-menu handlers on globalThis (Chromium cannot dispatch those
 * events from a test). A shipped build keeps both shadow roots closed: a page cannot read a note
 * out of the open editor.
 */
declare global {
  interface ImportMetaEnv {
    readonly VITE_CLAIM_LENS_E2E?: string;
  }
}

/** True only in the end-to-end test build. */
export function isE2eBuild(flag: unknown = readFlag()): boolean {
  return flag === '1';
}

/** The mode of our shadow-root UIs: 'closed' unless this is the end-to-end test build. */
export function uiShadowMode(flag: unknown = readFlag()): 'open' | 'closed' {
  return isE2eBuild(flag) ? 'open' : 'closed';
}

function readFlag(): string | undefined {
  try {
    return import.meta.env?.VITE_CLAIM_LENS_E2E;
  } catch {
    return undefined;
  }
}
