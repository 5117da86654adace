import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See ../shared/TOOLCHAIN.md for why each setting is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Vite 8 otherwise emits a raw U+FFFF from Dexie and Chromium refuses the bundle as non-UTF-8.
  experimental: { escapeUnicode: true },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'activeTab', 'contextMenus', 'unlimitedStorage'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claim-lens@claimlens.local',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
