'use strict';
// Layout and text style a user sees: the "Show all VMs" checkbox right beside its label, and the
// grid's cells in sentence case with product names capitalized (WAC's text style).
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

test('the "Show all VMs" checkbox sits right beside its label', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    const field = tool.locator('sme-form-field.show-all');
    // Both measured inside the tool's frame (boundingBox() would be in the page's coordinates).
    const box = await field.locator('input[type=checkbox]').evaluate(input => {
        const rect = input.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    });
    // The label's text itself (its span may start under the drawn box): where its first letter is.
    const label = await field.locator('label span', { hasText: 'Show all VMs' }).evaluate(span => {
        const range = document.createRange();
        range.selectNodeContents(span);
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, height: rect.height };
    });
    assert.ok(box, 'the checkbox is shown');
    // Beside: on the same line, the text starting a few pixels after the box (not across the action bar, not before it).
    const gap = label.x - (box.x + box.width);
    assert.ok(gap >= 0 && gap < 24, `the label starts ${gap} px after the checkbox`);
    assert.ok(Math.abs((label.y + label.height / 2) - (box.y + box.height / 2)) < 12, `the checkbox and its label are on one line: ${JSON.stringify({ box, label })}`);
    await field.locator('.sme-checkbox label').click();
    assert.ok(await field.locator('input[type=checkbox]').isChecked());
    assert.deepEqual(page.errors, []);
});

test('grid cells are in sentence case, product names capitalized', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    const text = await tool.locator('sme-data-table').innerText();
    for (const value of ['Primary', 'Replica', 'Extended Replica', 'No contact', 'Disabled', 'Not reported', 'OK']) {
        assert.match(text, new RegExp(`(^|\\t|\\n)${value}(\\t|\\n|$)`), `a cell reads "${value}"`);
    }
    for (const value of ['primary', 'extended Replica', 'no contact', 'disabled']) {
        assert.doesNotMatch(text, new RegExp(`(^|\\t|\\n)${value}(\\t|\\n|$)`), `no cell reads "${value}"`);
    }
    assert.deepEqual(page.errors, []);
});
