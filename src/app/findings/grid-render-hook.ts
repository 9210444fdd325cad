import { InjectionToken } from '@angular/core';

/**
 * Told when new rows reach the grid. Nothing in the product installs one: the benchmark
 * (test/bench/bench.js) defines `window.hvtoolsGridRenderHook` in the tool's frame before the tool
 * loads, and marks the arrival and the paint with it (gridFirstPaintMs).
 */
export interface GridRenderHook {
    /** A node's data arrived; the page's view model and the grid update in this same task. */
    rowsArriving(rowCount: number): void;
}

/** The hook, or null (the product). */
export const gridRenderHook = new InjectionToken<GridRenderHook | null>('hvtools grid render hook', {
    providedIn: 'root',
    factory: () => {
        const hook = (globalThis as { hvtoolsGridRenderHook?: unknown }).hvtoolsGridRenderHook;
        return hook && typeof (hook as GridRenderHook).rowsArriving === 'function' ? hook as GridRenderHook : null;
    }
});
