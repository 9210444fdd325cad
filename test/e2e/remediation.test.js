'use strict';
// Remediation through the emulated shell: the shell's confirmation dialog and notifications, the
// scripts on the simulated host (its state persists for the session), the re-check of the VM.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { gridRows, startEnvironment } = require('./environment');

let env;

before(async () => {
    env = await startEnvironment();
});

after(async () => {
    await env.close();
});

async function dvdText(tool) {
    const details = await tool.locator('sme-finding-details').innerText();
    return details.split('\n').find(line => /^IDE 1:0/.test(line.trim())) || '';
}

test('insert the setup disk over another ISO, confirm, then restore puts the ISO back', async () => {
    const { page, tool } = await env.open('hv2012.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'LEGACY-SQL' }).click();
    assert.match(await dvdText(tool), /sql2014-sp3\.iso/);

    await tool.locator('button.action-insert').click();
    const dialog = page.locator('#shell-dialog:not([hidden])');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /IDE 1:0 of LEGACY-SQL holds D:\\ISO\\sql2014-sp3\.iso/);
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Inserted the setup disk into IDE 1:0 of LEGACY-SQL' }).waitFor({ timeout: 30000 });
    await tool.locator('button.action-restore').waitFor({ timeout: 30000 });
    assert.match(await dvdText(tool), /vmguest\.iso/);
    assert.match(await tool.locator('.finding-actions').innerText(), /puts back D:\\ISO\\sql2014-sp3\.iso/);

    // After a reload the host still remembers the ISO to put back.
    const reopened = await env.open('hv2012.corp.example');
    await gridRows(reopened.tool);
    await reopened.tool.locator('.vm-name', { hasText: 'LEGACY-SQL' }).click();
    await reopened.tool.locator('button.action-restore').click();
    await reopened.page.locator('#shell-dialog:not([hidden])').waitFor();
    await reopened.page.locator('#shell-dialog-confirm').click();
    await reopened.page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Put D:\\ISO\\sql2014-sp3.iso back' }).waitFor({ timeout: 30000 });
    await reopened.tool.locator('button.action-insert').waitFor({ timeout: 30000 });
    assert.match(await dvdText(reopened.tool), /sql2014-sp3\.iso/);
});

test('cancelling the confirmation changes nothing', async () => {
    const { page, tool } = await env.open('hv2012.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'LEGACY-APP' }).click();
    await tool.locator('button.action-insert').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-cancel').click();
    await tool.locator('button.action-insert:not([disabled])').waitFor();
    assert.match(await dvdText(tool), /empty/);
    assert.equal(await page.locator('#shell-notifications li').count(), 0);
});

test('Connect downloads an .rdp file for VM Connection to this VM', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'APP07' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), tool.locator('button.action-connect').click()]);
    assert.equal(download.suggestedFilename(), 'APP07.rdp');
    const content = fs.readFileSync(await download.path(), 'utf8');
    const demo = JSON.parse(fs.readFileSync(require('path').join(__dirname, '../scenarios/demo-host.json'), 'utf8'));
    const id = demo.vms.find(vm => vm.Name === 'APP07').Id.toLowerCase();
    assert.match(content, /^full address:s:hv01\.corp\.example\r$/m);
    assert.match(content, /^server port:i:2179\r$/m);
    assert.match(content, new RegExp(`^pcb:s:${id};EnhancedMode=0\\r$`, 'm'));
});

test('Enable turns KVP on for a VM whose host side had it off, and the row updates', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    const rows = await gridRows(tool);
    assert.equal(rows.find(r => r.name === 'PRI-KVP-OFF-HOST').verdict, 'fail');
    await tool.locator('.vm-name', { hasText: 'PRI-KVP-OFF-HOST' }).click();
    await tool.locator('button.action-enable').click();
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Turned on Key-Value Pair Exchange' }).waitFor({ timeout: 30000 });
    // The VM is off: with KVP enabled the host can't tell more until it runs.
    const row = tool.locator('[role=row]', { has: tool.locator('.vm-name', { hasText: 'PRI-KVP-OFF-HOST' }) });
    await row.locator('.verdict[data-verdict="unknown"]').waitFor({ timeout: 30000 });
    const after = await gridRows(tool);
    assert.equal(after.find(r => r.name === 'PRI-KVP-OFF-HOST').verdict, 'unknown');
    assert.equal(await tool.locator('button.action-enable').count(), 0);
});

test('the keyboard alone: select a VM, reach Insert, confirm the dialog', async () => {
    const { page, tool } = await env.open('hv2012.corp.example');
    await gridRows(tool);
    const frame = page.frames().find(f => f.url().includes('/module/'));
    const focused = () => frame.evaluate(() => {
        const active = document.activeElement;
        return active ? `${active.tagName.toLowerCase()}.${[...active.classList].join('.')}|${active.textContent.trim().substring(0, 40)}` : '';
    });
    await tool.locator('sme-form-field.text-filter input').focus();
    await page.keyboard.type('LEGACY-APP');
    await tool.locator('.vm-name', { hasText: 'LEGACY-SQL' }).waitFor({ state: 'detached' });
    for (let i = 0; i < 15 && !(await tool.locator('[role=row]:focus, [role=row] :focus').count()); i++) {
        await page.keyboard.press('Tab');
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tool.locator('sme-finding-details .details-vm-name', { hasText: 'LEGACY-APP' }).waitFor();
    for (let i = 0; i < 60 && !(await focused()).startsWith('button.sme-button-secondary.action-insert'); i++) {
        await page.keyboard.press('Tab');
    }
    assert.match(await focused(), /^button\.sme-button-secondary\.action-insert/);
    await page.keyboard.press('Enter');
    await page.locator('#shell-dialog:not([hidden])').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: 'Inserted the setup disk into IDE 1:0 of LEGACY-APP' }).waitFor({ timeout: 30000 });
    await tool.locator('button.action-restore').waitFor({ timeout: 30000 });
});
