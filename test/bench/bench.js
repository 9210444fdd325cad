'use strict';
/**
 * `npm run bench`: the speed figures, measured in one run on this machine, printed as one JSON
 * object on the last line of stdout (docs/performance.md explains them):
 *   evaluateVsParseRatio  validate + evaluate a 10,000-VM snapshot / JSON.parse of its text (goal <= 3)
 *   exclusionsParseMs20000  read an exclusions document of 20,000 records, every record validated (goal < 100)
 *   cmdletCallsGrowth     Hyper-V cmdlet calls of a 1,000-VM scan minus those of a 10-VM scan, every call counted (goal 0)
 *   queriesPerScan        Hyper-V cmdlet calls + CIM queries of one scan of the 1,000-VM host (goal <= 9)
 *   bytesPerVm            snapshot bytes per VM on the 1,000-VM host (goal <= 900 for format 3; 800 was format 2's, 600 format 1's)
 *   clusterParallelRatio  wall time of a 4-node cluster scan / a 1-node cluster scan, same gateway latency (goal <= 1.5)
 *   gridFirstPaintMs      data to the grid's first paint with 5,000 VMs, headless Chromium (goal < 300)
 *   gridRows              rows the grid held then
 *   scrollMaxFrameMs      the longest frame while scrolling it (goal < 100)
 * Needs the production bundle (npm run build).
 */
const { spawnSync } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pwshPath } = require('../../tools/pwsh-path');
const { startEnvironment } = require('../e2e/environment');

const root = path.resolve(__dirname, '../..');
const log = message => process.stderr.write(`bench: ${message}\n`);
const pwsh = pwshPath();

function runJson(command, args) {
    const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
        throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${run.stderr}`);
    }
    return JSON.parse(run.stdout.trim().split('\n').pop());
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

async function timeScan(env, query, rounds) {
    const { tool } = await env.open(query.node, query.extra || '');
    await tool.locator('.vm-name').first().waitFor({ timeout: 120000 });
    await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 120000 });
    const samples = [];
    for (let i = 0; i < rounds; i++) {
        const start = Date.now();
        // Enter on the focused button: after the first click the button's own tooltip sits under the
        // mouse and takes the next click.
        await tool.locator('sme-master-view button[aria-label*="efresh"]').first().press('Enter');
        await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'attached', timeout: 10000 }).catch(() => undefined);
        await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 120000 });
        samples.push(Date.now() - start);
    }
    return median(samples);
}

async function main() {
    log('functional core (10,000 VMs, 20,000 exclusions)');
    const coreBundle = path.join(root, 'dist-cli', 'bench-core.js');
    esbuild.buildSync({ entryPoints: [path.join(__dirname, 'core.ts')], bundle: true, platform: 'node', outfile: coreBundle, logLevel: 'error' });
    const core = runJson(process.execPath, [coreBundle]);

    log('scan round trips and size (10 and 1,000 VMs)');
    const scan = runJson(pwsh, ['-NoProfile', '-NonInteractive', '-File', path.join(__dirname, 'Measure-ScanCalls.ps1')]);

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
    const generate = (count, file, name) => {
        const run = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', path.join(root, 'test/scenarios/New-LargeHostScenario.ps1'),
            '-VmCount', String(count), '-Path', file, '-ComputerName', name], { encoding: 'utf8' });
        if (run.status !== 0) {
            throw new Error(run.stderr);
        }
        return file;
    };
    const nodes = {};
    for (let i = 1; i <= 4; i++) {
        nodes[`bench-node${i}`] = generate(4, path.join(tmp, `node${i}.json`), `NODE${i}`);
    }
    // The same host alone in a one-node cluster: both figures then take the same path (the SDK's cluster
    // inventory, the cluster's token, then the nodes' scans), so the ratio measures how the node scans overlap.
    nodes['bench-solo'] = generate(4, path.join(tmp, 'solo.json'), 'SOLO');
    log('generating a 5,000-VM host');
    nodes['bench-large'] = generate(5000, path.join(tmp, 'large.json'), 'HV-LARGE');
    // Every request to the gateway waits latencyMs; the gateway holds a command up to pollWaitMs
    // before answering "not completed yet" (so each node answers in one round trip, as a remote
    // gateway does for a short script). The simulated nodes share this machine's CPU, real ones don't.
    const latencyMs = 400;
    const pollWaitMs = 3000;
    const benchCluster = { credential: { username: 'BENCH\\admin', password: 'bench' }, currentNode: 'bench-node1',
        nodes: [1, 2, 3, 4].map(i => ({ name: `bench-node${i}`, fqdn: `bench-node${i}`, state: 'Up' })) };
    const soloCluster = { credential: { username: 'BENCH\\admin', password: 'bench-solo' }, currentNode: 'bench-solo',
        nodes: [{ name: 'bench-solo', fqdn: 'bench-solo', state: 'Up' }] };
    const env = await startEnvironment({ nodes, clusters: { 'bench-cluster': benchCluster, 'bench-cluster1': soloCluster },
        unreachableNodes: [], faultyNodes: [], latencyMs, pollWaitMs });
    let browser;
    try {
        log(`cluster scan, ${latencyMs} ms gateway latency per request`);
        const oneNodeMs = await timeScan(env, { node: 'bench-cluster1', extra: '&type=cluster' }, 7);
        const fourNodesMs = await timeScan(env, { node: 'bench-cluster', extra: '&type=cluster' }, 7);

        log('grid with 5,000 VMs (the scan of the simulated host takes a while)');
        // The grid's render hook (src/app/findings/grid-render-hook.ts): the product has none; the bench installs
        // one that marks when a node's data arrives and, two frames after the grid updated, when it painted.
        const { page, tool } = await env.open('bench-large', '', {
            initScript: () => {
                window.hvtoolsGridRenderHook = {
                    rowsArriving() {
                        performance.mark('hvtools:data');
                        requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('hvtools:painted')));
                    }
                };
            }
        });
        await tool.locator('sme-loading-wheel.scan-progress').waitFor({ state: 'detached', timeout: 600000 });
        await tool.locator('.vm-name').first().waitFor({ timeout: 60000 });
        const frame = page.frames().find(f => f.url().includes('/module/'));
        await frame.waitForFunction(() => performance.getEntriesByName('hvtools:painted').length > 0, null, { timeout: 60000 });
        const paint = await frame.evaluate(() => {
            const data = performance.getEntriesByName('hvtools:data').pop().startTime;
            const painted = performance.getEntriesByName('hvtools:painted').pop().startTime;
            return painted - data;
        });
        const gridRows = Number((await tool.locator('sme-master-view').innerText()).match(/([\d,]+) items/)[1].replace(/,/g, ''));
        const box = await tool.locator('sme-data-table').boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await frame.evaluate(() => {
            window.benchFrames = [];
            let last = performance.now();
            const tick = now => {
                window.benchFrames.push(now - last);
                last = now;
                if (window.benchFrames.length < 400) {
                    requestAnimationFrame(tick);
                }
            };
            requestAnimationFrame(tick);
        });
        for (let i = 0; i < 40; i++) {
            await page.mouse.wheel(0, 600);
            await page.waitForTimeout(30);
        }
        const frames = await frame.evaluate(() => window.benchFrames.slice(2));
        browser = {
            oneNodeScanMs: oneNodeMs, fourNodeScanMs: fourNodesMs, clusterParallelRatio: fourNodesMs / oneNodeMs,
            gridFirstPaintMs: Math.round(paint), gridRows, scrollMaxFrameMs: Math.round(Math.max(...frames)), scrollMedianFrameMs: Math.round(median(frames))
        };
    } finally {
        await env.close();
        fs.rmSync(tmp, { recursive: true, force: true });
    }

    const figures = {
        evaluateVsParseRatio: Number(core.evaluateVsParseRatio.toFixed(3)),
        jsonParseMs: Number(core.jsonParseMs.toFixed(1)),
        validateAndEvaluateMs: Number(core.validateAndEvaluateMs.toFixed(1)),
        exclusionsParseMs20000: Number(core.exclusionsParseMs20000.toFixed(1)),
        cmdletCallsGrowth: scan.cmdletCallsGrowth,
        queriesPerScan: scan.queriesPerScan,
        queriesGrowth: scan.queriesGrowth,
        cmdletCalls1000: scan.vms1000.cmdletCalls,
        cimQueries1000: scan.vms1000.cimQueries,
        queries1000: scan.vms1000.calls,
        bytesPerVm: scan.bytesPerVm,
        clusterParallelRatio: Number(browser.clusterParallelRatio.toFixed(2)),
        oneNodeScanMs: browser.oneNodeScanMs,
        fourNodeScanMs: browser.fourNodeScanMs,
        gridFirstPaintMs: browser.gridFirstPaintMs,
        gridRows: browser.gridRows,
        scrollMaxFrameMs: browser.scrollMaxFrameMs,
        scrollMedianFrameMs: browser.scrollMedianFrameMs
    };
    const goals = { evaluateVsParseRatio: figures.evaluateVsParseRatio <= 3, exclusionsParseMs20000: figures.exclusionsParseMs20000 < 100,
        cmdletCallsGrowth: figures.cmdletCallsGrowth === 0,
        queriesPerScan: figures.queriesPerScan <= 9,
        bytesPerVm: figures.bytesPerVm <= 900, clusterParallelRatio: figures.clusterParallelRatio <= 1.5, gridFirstPaintMs: figures.gridFirstPaintMs < 300,
        scrollMaxFrameMs: figures.scrollMaxFrameMs < 100 };
    log(`goals met: ${Object.entries(goals).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}`);
    process.stdout.write(JSON.stringify({ ...figures, goalsMet: goals }) + '\n');
}

main().catch(error => {
    process.stderr.write(`bench: ${error.stack || error}\n`);
    process.exitCode = 1;
});
