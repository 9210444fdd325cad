'use strict';
// The keyboard alone, in the emulated shell: from the tool's first focus, Tab reaches the rule switch, the
// verdict counts (the arrow keys move between them), the filters (Space turns "Show all VMs" on and off) and
// the grid; the arrow keys move between rows; Enter opens a VM's details; Tab reaches Connect, whose Enter
// downloads the VM Connection file; the VM is excluded with a reason, the focus moves to Include, and Enter
// includes it again. No mouse event is sent, and at every step the focused element shows a
// visible focus indicator (an outline or a box shadow, on it or, for the SDK's checkbox, on its drawn box).
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { gridRows, startEnvironment } = require('./environment');
const { toolFrame } = require('./accessibility');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

/** The focused element in the tool's frame: where it is and whether its focus indicator shows. */
function focused(frame) {
    return frame.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) {
            return null;
        }
        const shows = e => {
            if (!e) {
                return false;
            }
            const style = getComputedStyle(e);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*, 0\)$|transparent/.test(style.outlineColor);
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            return Boolean(outline || shadow);
        };
        // The SDK's checkbox hides the input and draws its focus on the label's box that follows it.
        const drawn = element.matches('input[type=checkbox]') ? element.nextElementSibling : null;
        const row = element.closest('[role=row]');
        const field = element.closest('sme-form-field');
        return {
            tag: element.tagName.toLowerCase(),
            classes: String(element.className),
            field: field ? String(field.className) : '',
            rowText: row ? row.innerText.split('\n')[0].trim() : '',
            inGrid: Boolean(element.closest('sme-data-table')),
            text: (element.innerText || element.value || '').trim().slice(0, 40),
            visible: shows(element) || shows(drawn)
        };
    });
}

/** Presses `key` and checks that the focus shows; returns where the focus is. */
async function press(page, frame, key, steps) {
    await page.keyboard.press(key);
    await page.waitForTimeout(60);
    const at = await focused(frame);
    steps.push({ key, at });
    assert.ok(at, `after ${key} the focus is in the tool (steps: ${JSON.stringify(steps.slice(-5))})`);
    assert.ok(at.visible, `after ${key} the focus shows on ${JSON.stringify(at)}`);
    return at;
}

/** Tab (or `key`) until `reached(at)`, at most `max` presses. */
async function until(page, frame, reached, steps, what, key = 'Tab', max = 40) {
    for (let i = 0; i < max; i++) {
        const at = await press(page, frame, key, steps);
        if (reached(at)) {
            return at;
        }
    }
    assert.fail(`${key} never reached ${what}: ${JSON.stringify(steps.map(s => s.at))}`);
}

test('the keyboard alone: rule switch, filters, grid, details, VM Connection file, exclude and include', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    const frame = toolFrame(page);
    let mouse = 0;
    await frame.evaluate(() => ['mousedown', 'click', 'pointerdown'].forEach(type =>
        document.addEventListener(type, e => { if (e.isTrusted && e.detail > 0) { window.mouseEvents = (window.mouseEvents || 0) + 1; } }, true)));
    const steps = [];
    // The shell's page has nothing to focus before the tool's frame: the first Tab is the tool's first focus.
    const first = await press(page, frame, 'Tab', steps);
    assert.match(first.field, /rule-switch/, `the tool's first focus is the rule switch: ${JSON.stringify(first)}`);

    // The counts are one focus zone of the SDK's keyboard manager: Tab reaches it, the arrow keys move inside.
    const count = await until(page, frame, at => /verdict-count/.test(at.classes), steps, 'the verdict counts');
    const nextCount = await press(page, frame, 'ArrowRight', steps);
    assert.ok(/verdict-count/.test(nextCount.classes) && nextCount.text !== count.text, `ArrowRight moves to the next count: ${JSON.stringify([count, nextCount])}`);
    await until(page, frame, at => /verdict-filter/.test(at.field), steps, 'the verdict filter');
    await until(page, frame, at => /bpa-filter/.test(at.field), steps, 'the BPA filter');
    await until(page, frame, at => /show-all/.test(at.field), steps, '"Show all VMs"');
    await page.keyboard.press('Space');
    await tool.locator('.vm-name', { hasText: 'BUILD01' }).waitFor();
    await page.keyboard.press('Space');
    await tool.locator('.vm-name', { hasText: 'BUILD01' }).waitFor({ state: 'detached' });
    await until(page, frame, at => /text-filter/.test(at.field), steps, 'the text filter');
    const row = await until(page, frame, at => at.inGrid && Boolean(at.rowText), steps, 'a row of the grid');

    // The arrow keys move between rows, to APP07 (second row).
    const next = await press(page, frame, 'ArrowDown', steps);
    assert.notEqual(next.rowText, row.rowText, 'ArrowDown moves to another row');
    let at = next;
    for (let i = 0; i < 12 && at.rowText !== 'APP07'; i++) {
        at = await press(page, frame, at.rowText > 'APP07' && i > 6 ? 'ArrowUp' : 'ArrowDown', steps);
    }
    if (at.rowText !== 'APP07') {
        at = await until(page, frame, a => a.rowText === 'APP07', steps, 'the row of APP07', 'ArrowUp', 12);
    }
    await page.keyboard.press('Enter');
    await tool.locator('sme-finding-details .details-vm-name', { hasText: 'APP07' }).waitFor();

    // Connect downloads the .rdp file for VM Connection.
    await until(page, frame, a => /action-connect/.test(a.classes), steps, 'Connect');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'APP07.rdp');
    assert.match(fs.readFileSync(await download.path(), 'utf8'), /pcb:s:/i);

    // Exclude with a reason, then include again.
    await until(page, frame, a => a.tag === 'textarea' && /exclusion-reason-field/.test(a.field), steps, 'the exclusion reason');
    await page.keyboard.type('Retired on Friday');
    await until(page, frame, a => /exclusion-exclude/.test(a.classes), steps, 'Exclude');
    await page.keyboard.press('Enter');
    // The focus moves to Include once the exclusion is saved (the pressed button is gone), and shows there.
    await tool.locator('sme-exclusion-panel button.exclusion-include').waitFor();
    await frame.waitForFunction(() => document.activeElement && document.activeElement.matches('button.exclusion-include'));
    const include = await focused(frame);
    assert.ok(include.visible, `the focus shows on Include: ${JSON.stringify(include)}`);
    assert.equal(await tool.locator('sme-exclusion-panel .exclusion-reason').innerText(), 'Retired on Friday');
    await page.keyboard.press('Enter');
    await tool.locator('sme-exclusion-panel button.exclusion-exclude').waitFor();
    await frame.waitForFunction(() => document.activeElement && document.activeElement.matches('button.exclusion-exclude'));
    assert.ok((await focused(frame)).visible, 'the focus shows on Exclude again');
    assert.equal(await tool.locator('sme-exclusion-panel .exclusion-record').count(), 0, 'included again');

    mouse = await frame.evaluate(() => window.mouseEvents || 0);
    assert.equal(mouse, 0, 'no mouse event reached the tool');
    assert.deepEqual(page.errors, []);
});
