'use strict';
// Failover TCP/IP settings from the details pane, in the emulated shell on a simulated host
// (test/powershell/fixtures/failover-tcpip-host.json, whose state persists for the session): fill
// the form of a Replica VM's adapter, Set (confirmed in the shell's dialog), the details show the
// new address after the re-check; Restore puts the old one back; a validation error shows under
// its field and nothing is sent to the host.
const { after, before, test } = require('node:test');
const assert = require('node:assert/strict');
const { gridRows, startEnvironment } = require('./environment');

const node = 'hvfailover.corp.example';
let env;

before(async () => {
    env = await startEnvironment({ extraNodes: { [node]: 'test/powershell/fixtures/failover-tcpip-host.json' } });
});

after(async () => {
    await env.close();
});

/** The commands the emulated gateway ran on the node for a script (its text starts with ##<command>##). */
function commandsOf(name) {
    return env.server.gateway.commands.filter(c => c.node === node && (c.command === name || c.script.startsWith(`##${name}##`)));
}

async function openReplica() {
    const { page, tool } = await env.open(node);
    await gridRows(tool);
    await tool.locator('.vm-name', { hasText: 'DC-REPLICA' }).click();
    const form = tool.locator('.failover-tcpip-form').first();
    await form.waitFor();
    return { page, tool, form };
}

const input = (form, field) => form.locator(`.failover-tcpip-field[data-field="${field}"] input`);

async function adapterLine(tool) {
    const details = await tool.locator('sme-finding-details .details-facts').innerText();
    return details.split('\n').find(line => /^Network Adapter/.test(line.trim())) || '';
}

async function confirmAndWait(page, text) {
    const dialog = page.locator('#shell-dialog:not([hidden])');
    await dialog.waitFor();
    const message = await dialog.innerText();
    await page.locator('#shell-dialog-confirm').click();
    await page.locator('#shell-notifications li[data-state="success"]', { hasText: text }).last().waitFor({ timeout: 30000 });
    return message;
}

test('the form shows the adapter\'s current settings; Set, confirmed, changes the host and the details show the new address after the re-check', async () => {
    const { page, tool, form } = await openReplica();
    assert.equal(await form.locator('.failover-tcpip-adapter').innerText(), 'Network Adapter');
    assert.equal(await input(form, 'ipv4Address').inputValue(), '10.20.0.50');
    assert.equal(await input(form, 'ipv4SubnetMask').inputValue(), '255.255.255.0');
    assert.equal(await input(form, 'ipv4DefaultGateway').inputValue(), '10.20.0.1');
    assert.equal(await input(form, 'ipv4PreferredDns').inputValue(), '10.20.0.10');
    assert.equal(await input(form, 'ipv4AlternateDns').inputValue(), '10.20.0.11');
    assert.match(await adapterLine(tool), /10\.20\.0\.50/);
    assert.equal(await form.locator('button.failover-tcpip-restore').count(), 0);

    await input(form, 'ipv4Address').fill('10.20.0.77');
    await input(form, 'ipv6Address').fill('fd00:20::77');
    await input(form, 'ipv6PrefixLength').fill('64');
    const before = commandsOf('Set-FailoverTcpIpConfiguration').length;
    await form.locator('button.failover-tcpip-set').click();
    const message = await confirmAndWait(page, 'Set the failover TCP/IP settings of Network Adapter on DC-REPLICA');
    assert.match(message, /to IPv4 10\.20\.0\.77 \/ 255\.255\.255\.0, IPv6 fd00:20::77\/64\?/);
    assert.equal(commandsOf('Set-FailoverTcpIpConfiguration').length, before + 1);

    // The re-check brings the new settings: the details and the form show them, and Restore is offered.
    await form.locator('button.failover-tcpip-restore').waitFor({ timeout: 30000 });
    assert.match(await adapterLine(tool), /10\.20\.0\.77 fd00:20::77/);
    assert.equal(await input(form, 'ipv4Address').inputValue(), '10.20.0.77');
    assert.equal(await input(form, 'ipv6PrefixLength').inputValue(), '64');
    assert.match(await form.locator('.failover-tcpip-restore-hint').innerText(), /IPv4 10\.20\.0\.50, IPv6 none/);
    assert.deepEqual(page.errors, []);
});

test('Restore, after a reload, puts the previous settings back', async () => {
    const { page, tool, form } = await openReplica();
    assert.match(await adapterLine(tool), /10\.20\.0\.77/);
    await form.locator('button.failover-tcpip-restore').click();
    const message = await confirmAndWait(page, 'Put back the failover TCP/IP settings Network Adapter on DC-REPLICA had before');
    assert.match(message, /had before: IPv4 10\.20\.0\.50, IPv6 none\?/);
    await form.locator('button.failover-tcpip-restore').waitFor({ state: 'detached', timeout: 30000 });
    assert.match(await adapterLine(tool), /10\.20\.0\.50/);
    assert.doesNotMatch(await adapterLine(tool), /fd00/);
    assert.equal(await input(form, 'ipv4Address').inputValue(), '10.20.0.50');
    assert.equal(await input(form, 'ipv6Address').inputValue(), '');
    assert.equal(await input(form, 'ipv4AlternateDns').inputValue(), '10.20.0.11');
});

test('a gateway outside the subnet shows its error under the field, Set stays disabled and nothing is sent', async () => {
    const { page, tool, form } = await openReplica();
    const sent = commandsOf('Set-FailoverTcpIpConfiguration').length;
    await input(form, 'ipv4DefaultGateway').fill('10.99.0.1');
    const error = form.locator('.failover-tcpip-field[data-field="ipv4DefaultGateway"] .failover-tcpip-error');
    await error.waitFor();
    assert.equal(await error.innerText(), 'IPv4 default gateway: the gateway must be in the subnet of the IPv4 address and subnet mask.');
    assert.equal(await form.locator('.failover-tcpip-field[data-field="ipv4Address"] .failover-tcpip-error').count(), 0);
    assert.equal(await form.locator('button.failover-tcpip-set').isDisabled(), true);
    await form.locator('button.failover-tcpip-set').click({ force: true });
    await page.waitForTimeout(500);
    assert.equal(await page.locator('#shell-dialog:not([hidden])').count(), 0);
    assert.equal(commandsOf('Set-FailoverTcpIpConfiguration').length, sent);
    assert.equal(await page.locator('#shell-notifications li').count(), 0);
    assert.match(await adapterLine(tool), /10\.20\.0\.50/);

    // Corrected, the error goes and Set is enabled again.
    await input(form, 'ipv4DefaultGateway').fill('10.20.0.254');
    await error.waitFor({ state: 'detached' });
    assert.equal(await form.locator('button.failover-tcpip-set').isDisabled(), false);
});
