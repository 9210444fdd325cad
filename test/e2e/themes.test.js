'use strict';
// WAC's two themes and Windows high contrast. The emulated shell hands the theme in Init as the real one
// does (&theme=dark); the SDK's asset manager puts sme-theme-<name> on the tool's body and the SDK's
// main-v2.css styles both. In each theme every text reaches 4.5:1 (3:1 when large) and every verdict mark
// 3:1 against what is drawn behind it, on the grid with a selected row and in the details pane. Under
// forced colours (Chromium's emulation of Windows high contrast) each verdict keeps its own visible shape.
const { after, afterEach, before, test } = require('node:test');
const assert = require('node:assert/strict');
const os = require('os');
const path = require('path');
const { gridRows, startEnvironment } = require('./environment');
const { belowMinimum, contrasts, toolFrame } = require('./accessibility');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

// Each test closes the tool pages it opened (every open page keeps polling the emulated gateway).
const pages = [];
afterEach(async () => {
    for (const page of pages.splice(0)) {
        await page.close();
    }
});

/** The tool with a VM of every verdict listed (Show all VMs) and `vm`'s details open. */
async function openWithDetails(theme, vm) {
    const { page, tool } = await env.open('hv01.corp.example', `&theme=${theme}`);
    pages.push(page);
    await gridRows(tool);
    await tool.locator('sme-form-field.show-all .sme-checkbox label').click();
    await tool.locator('.vm-name', { hasText: 'BUILD01' }).waitFor();
    await tool.locator('.vm-name', { hasText: vm }).click();
    await tool.locator('sme-finding-details .details-vm-name', { hasText: vm }).waitFor();
    return { page, tool, frame: toolFrame(page) };
}

for (const theme of ['light', 'dark']) {
    test(`the shell hands the ${theme} theme in Init: the tool's body wears sme-theme-${theme} and the SDK's colours for it`, async () => {
        const { page, tool } = await env.open('hv01.corp.example', theme === 'light' ? '' : `&theme=${theme}`);
        pages.push(page);
        await gridRows(tool);
        const body = await tool.locator('body').evaluate(b => ({ classes: [...b.classList], background: getComputedStyle(b).backgroundColor }));
        assert.ok(body.classes.includes(`sme-theme-${theme}`), `body classes: ${body.classes}`);
        assert.ok(!body.classes.includes(`sme-theme-${theme === 'light' ? 'dark' : 'light'}`));
        // The SDK's main-v2.css: .sme-theme-dark { background-color: #262626 }, .sme-theme-light { background-color: #fff }.
        assert.equal(body.background, theme === 'dark' ? 'rgb(38, 38, 38)' : 'rgb(255, 255, 255)');
        assert.deepEqual(page.errors, []);
    });

    test(`${theme} theme: text reaches 4.5:1 and verdict marks 3:1 on the grid and in the details pane`, async () => {
        const checked = {};
        // A failing VM (its remediation), a Replica (the failover TCP/IP form) and a VM that could not be read.
        for (const vm of ['APP07', 'DC02', 'IS-QUERY-FAILS']) {
            const { frame } = await openWithDetails(theme, vm);
            const samples = await contrasts(frame, 'body');
            const marks = samples.filter(s => s.kind === 'mark').map(s => s.text);
            for (const verdict of ['pass', 'fail', 'warn', 'scan-error', 'unknown', 'not-applicable']) {
                assert.ok(marks.includes(verdict), `a ${verdict} mark is measured: ${marks}`);
            }
            assert.ok(samples.some(s => s.text === vm), `${vm}'s name is measured`);
            assert.deepEqual(belowMinimum(samples), [], `${theme} theme, ${vm} selected: contrast below the minimum`);
            checked[vm] = samples.length;
        }
        assert.ok(Object.values(checked).every(n => n > 100), `samples measured: ${JSON.stringify(checked)}`);
    });
}

test('an unknown theme is refused by the emulated shell with a message that names it', async () => {
    const page = await env.browser.newPage();
    pages.push(page);
    await page.goto(`${env.server.url}/?node=hv01.corp.example&theme=blue`);
    await page.waitForSelector('body[data-shell-ready="error"]');
    assert.match(await page.textContent('#shell-status'), /Unknown theme 'blue': use theme=light or theme=dark/);
});

test('forced colours (high contrast): every verdict keeps a visible mark of its own shape, the label beside it', async t => {
    for (const theme of ['light', 'dark']) {
        const { page, frame } = await openWithDetails(theme, 'APP07');
        await page.emulateMedia({ forcedColors: 'active' });
        assert.ok(await frame.evaluate(() => matchMedia('(forced-colors: active)').matches), 'the tool sees forced colours');
        const shot = path.join(os.tmpdir(), `replica-failover-ip-forced-colors-${theme}.png`);
        await page.screenshot({ path: shot });
        t.diagnostic(`screenshot: ${shot}`);
        // The count buttons carry one mark per verdict.
        const marks = await frame.locator('button.verdict-count').evaluateAll(buttons => buttons.map(button => {
            const badge = button.querySelector('.verdict-badge');
            const style = getComputedStyle(badge);
            const rect = badge.getBoundingClientRect();
            return {
                verdict: badge.getAttribute('data-verdict'),
                label: button.innerText.trim(),
                shape: [Math.round(rect.width), Math.round(rect.height), style.borderRadius, style.transform, style.clipPath,
                    style.borderTopWidth, style.borderLeftWidth, /rgba\(.*, 0\)|transparent/.test(style.backgroundColor) ? 'hollow' : 'filled'].join(' '),
                forcedColorAdjust: style.forcedColorAdjust
            };
        }));
        assert.equal(marks.length, 6);
        for (const mark of marks) {
            assert.ok(mark.label.length > 3, `the ${mark.verdict} count has its label: ${mark.label}`);
        }
        const shapes = new Set(marks.map(m => m.shape));
        assert.equal(shapes.size, marks.length, `each verdict has its own shape: ${JSON.stringify(marks)}`);
        // Visible: the mark (fill, or border when hollow) stands out 3:1 from the system background, in the grid too.
        const samples = (await contrasts(frame, 'body')).filter(s => s.kind === 'mark');
        assert.ok(samples.length >= 6 + 12, `marks measured: ${samples.length}`);
        assert.deepEqual(belowMinimum(samples), [], `${theme} theme under forced colours`);
        assert.deepEqual(page.errors, []);
    }
});
