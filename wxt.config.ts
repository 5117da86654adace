import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { compiledPacksPlugin } from './scripts/vite-compiled-packs';
import { pageCssManifestHook, pageCssPlugin } from './scripts/vite-page-css';

// See ../shared/TOOLCHAIN.md for why each setting is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // The e2e suite builds into its own folder (vitest.e2e.config.ts), so two runs never swap a build
  // under each other's browser.
  outDir: process.env.CLAIM_LENS_OUT_DIR || '.output',
  // Vite 8 otherwise emits a raw U+FFFF from Dexie and Chromium refuses the bundle as non-UTF-8.
  experimental: { escapeUnicode: true },
  // compiledPacksPlugin: rule packs compiled at build time, so a page only decodes them.
  // pageCssPlugin + addPageCss: the highlight colours ship as the content script's CSS.
  vite: () => ({ plugins: [preact(), compiledPacksPlugin(), pageCssPlugin()] }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => pageCssManifestHook(wxt, manifest),
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: paused sites; contextMenus: "highlight the selection"; unlimitedStorage: the notes
    // database must not be evicted or capped. No host permission beyond the content script's match.
    permissions: ['storage', 'contextMenus', 'unlimitedStorage'],
    commands: {
      // Keyboard users open the popup, then Tab to a claim (Enter scrolls the page to it).
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' } },
      // Highlight the current selection (changeable at chrome://extensions/shortcuts).
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_command_highlightSelection__',
      },
    },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claim-lens@claimlens.local',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
