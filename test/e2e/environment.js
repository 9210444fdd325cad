'use strict';
/**
 * End-to-end environment: the emulated shell and gateway (test/emulator) on a free local port with
 * the demo nodes, and Debian's Chromium driven by playwright-core. The production bundle must exist
 * (npm run build, or the bundle step of npm test).
 * E2E_GATEWAY_API=1.0.0 runs a suite against the gateway API 1.0.0 (default 2.0.0).
 */
const path = require('path');
const { chromium } = require('playwright-core');
const { start } = require('../emulator/server');

const root = path.resolve(__dirname, '../..');
const demo = require('../emulator/demo.json');

/** options: server.js options; extraNodes: node name -> scenario file (relative to the repository) besides the demo nodes. */
async function startEnvironment(options = {}) {
    const { extraNodes, ...rest } = options;
    const nodes = Object.fromEntries(Object.entries({ ...demo.nodes, ...(extraNodes || {}) }).map(([name, file]) => [name, path.join(root, file)]));
    const server = await start({
        port: 0, nodes, clusters: demo.clusters, unreachableNodes: demo.unreachableNodes, faultyNodes: demo.faultyNodes,
        apiVersion: process.env.E2E_GATEWAY_API || '2.0.0', ...rest
    });
    const browser = await chromium.launch({
        executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run']
    });
    return {
        server,
        browser,
        /**
         * Opens the tool for a node; resolves once the shell opened it: { page, tool } (tool: the module's frame).
         * initScript: a function run in every frame before its own scripts (the bench installs its hooks with it).
         */
        async open(node, query = '', { initScript } = {}) {
            const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
            if (initScript) {
                await page.addInitScript(initScript);
            }
            page.errors = [];
            page.on('pageerror', error => page.errors.push(error.message));
            page.on('dialog', dialog => {
                page.errors.push(`dialog: ${dialog.message()}`);
                dialog.dismiss();
            });
            await page.goto(`${server.url}/?node=${encodeURIComponent(node)}${query}`);
            await page.waitForSelector('body[data-shell-ready]', { timeout: 60000 });
            const ready = await page.getAttribute('body', 'data-shell-ready');
            if (ready !== 'true') {
                throw new Error(`The shell did not open the tool: ${await page.textContent('#shell-status')}`);
            }
            return { page, tool: page.frameLocator('#tool-frame') };
        },
        async close() {
            await browser.close();
            await server.close();
        }
    };
}

/** The grid's rows as { name, verdict } (verdict: the data-verdict attribute), in display order. */
async function gridRows(tool) {
    const rows = tool.locator('sme-data-table .vm-name');
    await rows.first().waitFor({ timeout: 60000 });
    const names = await rows.allTextContents();
    const verdicts = await tool.locator('sme-data-table .verdict').evaluateAll(spans => spans.map(s => s.getAttribute('data-verdict')));
    return names.map((name, i) => ({ name, verdict: verdicts[i] }));
}

/** What the emulated shell saw (credential prompts, navigations). */
function shellEvents(page) {
    return page.evaluate(() => window.shellEvents);
}

module.exports = { startEnvironment, gridRows, shellEvents, root };
