/**
 * Runs inside the busy bench page (bundled by busy.ts with esbuild): the real dom/ scanner with the
 * real engine, in the page's own world (no extension), so its counters can be read: what was sent to
 * detect() while the page changes text, and whether a huge burst became one deferred full rescan.
 */
import { createPainter, createScheduler, startScanner, type Scanner } from '../../dom/index';
import { detect, prepareDetector } from '../../engine/index';

let scanner: Scanner | null = null;

export async function start(): Promise<void> {
  await prepareDetector({ budgetMs: 8 });
  const painter = createPainter(document);
  scanner = startScanner({ detect, painter, scheduler: createScheduler() });
  await scanner.idle();
}

export function stats(): { detectChars: number; detectCalls: number; fullScans: number; mutationBatches: number; blocksDetected: number; blocksUnchanged: number } {
  const s = scanner!.stats;
  return {
    detectChars: s.detectChars,
    detectCalls: s.detectCalls,
    fullScans: s.fullScans,
    mutationBatches: s.mutationBatches,
    blocksDetected: s.blocksDetected,
    blocksUnchanged: s.blocksUnchanged,
  };
}

export function idle(): Promise<void> {
  return scanner!.idle();
}
