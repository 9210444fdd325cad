'use strict';
// Export through the SDK's data-table download service, in the emulated shell: the admin opens
// Export > CSV or JSON above the grid; the SDK shows its notifications and the browser downloads the
// file. The downloaded file is read back and compared with the rows the grid lists.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, startEnvironment } = require('./environment');

const scenario = file => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const demo = scenario('test/scenarios/demo-host.json');
const hostile = scenario('test/scenarios/hostile-names.json');
const english = JSON.parse(fs.readFileSync(path.join(root, 'src/resources/strings/strings.resjson'), 'utf8'));
const spanish = JSON.parse(fs.readFileSync(path.join(root, 'src/resources/strings/es-ES/strings.resjson'), 'utf8'));
const fields = ['host', 'node', 'vmName', 'vmId', 'rule', 'verdict', 'message', 'bpa', 'failoverIps', 'kvpStatus',
    'integrationServicesVersion', 'excluded', 'collectedAt'];
const headerKeys = ['host', 'node', 'vm', 'vmId', 'rule', 'verdict', 'reason', 'bpa', 'failoverIps', 'kvpStatus',
    'integrationServicesVersion', 'excluded', 'collectedAt'];
const headers = strings => headerKeys.map(k => strings[`HvtoolsReplicaFailoverIp_Export_Columns_${k}`]);
const column = name => fields.indexOf(name);
let env;

before(async () => {
    env = await startEnvironment({ extraNodes: { 'hvhostile.corp.example': 'test/scenarios/hostile-names.json' } });
});

after(async () => {
    await env.close();
});

/** The rows the grid lists, in display order: name, verdict id and the verdict as shown. */
async function gridTable(tool) {
    await tool.locator('sme-data-table .vm-name').first().waitFor({ timeout: 60000 });
    return tool.locator('sme-data-table .sme-table-row-data').evaluateAll(rows => rows
        .filter(r => r.querySelector('.vm-name'))
        .map(r => ({
            name: r.querySelector('.vm-name').textContent,
            verdict: r.querySelector('.verdict').getAttribute('data-verdict'),
            label: r.querySelector('.verdict').textContent.trim()
        })));
}

/** Export > CSV or JSON; resolves with the download and the file's text once the SDK reported success. */
async function exportAs(page, tool, format) {
    // The action bar renders its items itself (sme-action-dropdown-renderer): Export, then the format in its menu.
    const menu = tool.locator('sme-action-bar.findings-actions sme-action-dropdown-renderer');
    await menu.locator('button.sme-dropdown-toggle').click();
    const item = menu.locator('sme-action-menu button', { hasText: new RegExp(`^\\s*${format}\\s*$`) });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), item.click()]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    await page.locator('#shell-notifications li[data-state="success"]').first().waitFor({ timeout: 30000 });
    return { download, text };
}

/** A cell's value: the formula guard's one leading apostrophe removed (src/app/common/csv.ts). */
function unguard(cell) {
    return cell.startsWith('\'') ? cell.substring(1) : cell;
}

/** An RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes; rows end with CRLF. */
function parseCsv(text) {
    const rows = [];
    let row = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (ch === '"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch === '"') {
            quoted = true;
        } else if (ch === ',') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            i++;
        } else {
            cell += ch;
        }
    }
    row.push(cell);
    rows.push(row);
    return rows;
}

test('CSV: the grid\'s rows with every column, localized headers, through the SDK (file name, notifications)', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    const grid = await gridTable(tool);
    const { download, text } = await exportAs(page, tool, 'CSV');

    assert.match(download.suggestedFilename(), /^hvtools\.replica-failover-ip-\d+\.csv$/);
    assert.ok(text.startsWith('\uFEFF'), 'the file starts with the UTF-8 byte-order mark');
    const rows = parseCsv(text.substring(1));
    assert.deepEqual(rows[0], headers(english));
    const data = rows.slice(1);
    assert.equal(data.length, grid.length);
    data.forEach(r => assert.equal(r.length, fields.length));
    assert.deepEqual(data.map(r => unguard(r[column('vmName')])), grid.map(g => g.name));
    assert.deepEqual(data.map(r => r[column('verdict')]), grid.map(g => g.label));
    // The facts behind each row: the VM Ids of the scenario, the host, the rule, the scan time.
    const ids = Object.fromEntries(demo.vms.map(vm => [vm.Name, vm.Id.toLowerCase()]));
    assert.deepEqual(data.map(r => r[column('vmId')]), grid.map(g => ids[g.name]));
    assert.ok(data.every(r => r[column('host')] === 'hv01.corp.example' && r[column('node')] === ''));
    assert.ok(data.every(r => r[column('rule')] === 'hyperv-replica-failover-ip-integration-services'));
    assert.ok(data.every(r => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(r[column('collectedAt')])));
    assert.ok(data.every(r => ['Yes', 'No', 'Not read'].includes(r[column('bpa')])));
    const app07 = data.find(r => r[column('vmName')] === 'APP07');
    assert.match(app07[column('message')], /Key-Value Pair Exchange doesn't answer \(no contact\)/);
    assert.equal(app07[column('kvpStatus')], 'No contact');

    const notices = await page.locator('#shell-notifications li').allInnerTexts();
    assert.ok(notices.some(n => /^Successfully downloaded the table view: .*hvtools\.replica-failover-ip/.test(n)), notices.join('\n'));
    assert.deepEqual(page.errors, []);
});

test('JSON: after a verdict filter, exactly the rows the grid still lists, with stable keys and typed values', async () => {
    const { page, tool } = await env.open('hv01.corp.example');
    await gridTable(tool);
    await tool.locator('button.verdict-count[data-verdict="fail"]').click();
    await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
    const grid = await gridTable(tool);
    assert.ok(grid.length > 1 && grid.every(g => g.verdict === 'fail'));

    const { download, text } = await exportAs(page, tool, 'JSON');
    // The SDK 5.0.0 named every download <module>-<time>.csv, the JSON one too: patches/ fixes the extension.
    assert.match(download.suggestedFilename(), /^hvtools\.replica-failover-ip-\d+\.json$/);
    const records = JSON.parse(text);
    assert.equal(records.length, grid.length);
    assert.deepEqual(records.map(r => r.vmName), grid.map(g => g.name));
    assert.deepEqual(records.map(r => r.verdict), grid.map(g => g.verdict));
    records.forEach(r => {
        assert.deepEqual(Object.keys(r), fields);
        assert.ok(r.bpa === true || r.bpa === false);
        assert.ok(Array.isArray(r.failoverIps));
        assert.equal(r.excluded, '');
    });
    assert.deepEqual(page.errors, []);
});

test('hostile VM names reach both files as the very text the grid shows', async () => {
    const { page, tool } = await env.open('hvhostile.corp.example');
    await gridTable(tool);
    await tool.locator('sme-form-field.show-all .sme-checkbox label').click();
    await tool.locator('.vm-name', { hasText: 'line' }).waitFor();
    const grid = await gridTable(tool);
    assert.deepEqual(grid.map(g => g.name).sort(), hostile.vms.map(vm => vm.Name).sort());

    const csv = parseCsv((await exportAs(page, tool, 'CSV')).text.substring(1)).slice(1);
    assert.equal(csv.length, grid.length);
    // "'; Remove-Item ..." starts with an apostrophe: the guard adds one, so one removed gives the name back.
    assert.deepEqual(csv.map(r => unguard(r[column('vmName')])), grid.map(g => g.name));
    assert.ok(csv.some(r => r[column('vmName')].startsWith('\'\';')));
    assert.deepEqual(csv.map(r => r[column('verdict')]), grid.map(g => g.label));
    csv.forEach(r => assert.equal(r.length, fields.length));

    const json = JSON.parse((await exportAs(page, tool, 'JSON')).text);
    assert.deepEqual(json.map(r => r.vmName), grid.map(g => g.name));
    assert.deepEqual(json.map(r => r.verdict), grid.map(g => g.verdict));
    // Nothing of a name ran as markup in the page.
    assert.equal(await tool.locator('img[src="x"]').count(), 0);
    assert.deepEqual(page.errors, []);
});

test('es-ES: Spanish headers and the verdicts as the Spanish grid shows them', async () => {
    const { page, tool } = await env.open('hv01.corp.example', '&locale=es-ES');
    const grid = await gridTable(tool);
    await tool.locator('sme-action-bar.findings-actions button.sme-dropdown-toggle', { hasText: 'Exportar' }).waitFor();
    const rows = parseCsv((await exportAs(page, tool, 'CSV')).text.substring(1));
    assert.deepEqual(rows[0], headers(spanish));
    assert.notDeepEqual(rows[0], headers(english));
    assert.deepEqual(rows.slice(1).map(r => r[column('verdict')]), grid.map(g => g.label));
    assert.ok(rows.slice(1).every(r => ['yes', 'no', 'notRead'].map(k => spanish[`HvtoolsReplicaFailoverIp_Grid_${k}`]).includes(r[column('bpa')])));
    assert.deepEqual(page.errors, []);
});
