/** The bundled rule packs compiled at build time (scripts/vite-compiled-packs.ts, engine/snapshot.ts). */
declare module 'virtual:claim-lens/compiled-packs' {
  const text: string;
  export default text;
}
