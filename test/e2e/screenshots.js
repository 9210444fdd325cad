'use strict';
// `npm run screenshots`: pictures of the tool in the emulated shell for the README (docs/images/).
const fs = require('fs');
const path = require('path');
const { gridRows, root, startEnvironment } = require('./environment');

(async () => {
    const out = path.join(root, 'docs', 'images');
    fs.mkdirSync(out, { recursive: true });
    const env = await startEnvironment();
    try {
        const { page, tool } = await env.open('hv01.corp.example');
        await gridRows(tool);
        await page.screenshot({ path: path.join(out, 'findings-grid.png') });
        await tool.locator('.vm-name', { hasText: 'APP07' }).click();
        await tool.locator('sme-finding-details .details-vm-name', { hasText: 'APP07' }).waitFor();
        await page.screenshot({ path: path.join(out, 'details-pane.png') });
        // An excluded finding: excluded with a reason, listed with Show excluded, its exclusion in the pane.
        const panel = tool.locator('sme-exclusion-panel');
        await panel.locator('.exclusion-reason-field textarea').fill('Retired on Friday: replication is removed then');
        await panel.locator('button.exclusion-exclude').click();
        await panel.locator('button.exclusion-include').waitFor();
        await tool.locator('sme-form-field.show-excluded .sme-checkbox label').click();
        await tool.locator('.excluded-tag').first().waitFor();
        await panel.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(out, 'excluded-finding.png') });
        await panel.locator('button.exclusion-include').click();
        await panel.locator('button.exclusion-exclude').waitFor();
        // The BPA filter "Differs from this tool", and the note that explains the difference for DC02.
        await tool.locator('sme-form-field.bpa-filter input[role=combobox]').click();
        await tool.locator('sme-form-field.bpa-filter button[role=option]', { hasText: /^\s*Differs from this tool/ }).click();
        await tool.locator('.vm-name', { hasText: 'SQL01' }).waitFor({ state: 'detached' });
        await tool.locator('.vm-name', { hasText: 'DC02' }).click();
        await tool.locator('sme-finding-details .details-bpa-note').waitFor();
        await tool.locator('sme-finding-details .details-bpa-note').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(out, 'bpa-differs.png') });
        // WAC's dark theme (the shell hands it in Init): the grid, and the details pane of the same VM.
        const dark = await env.open('hv01.corp.example', '&theme=dark');
        await gridRows(dark.tool);
        await dark.page.screenshot({ path: path.join(out, 'findings-grid-dark.png') });
        await dark.tool.locator('.vm-name', { hasText: 'APP07' }).click();
        await dark.tool.locator('sme-finding-details .details-vm-name', { hasText: 'APP07' }).waitFor();
        await dark.page.screenshot({ path: path.join(out, 'details-pane-dark.png') });
        // Windows high contrast (forced colours, Chromium's emulation): each verdict keeps its shape.
        const contrast = await env.open('hv01.corp.example');
        await gridRows(contrast.tool);
        await contrast.page.emulateMedia({ forcedColors: 'active' });
        await contrast.page.screenshot({ path: path.join(out, 'findings-grid-forced-colors.png') });
        const spanish = await env.open('hv01.corp.example', '&locale=es-ES');
        await gridRows(spanish.tool);
        await spanish.page.screenshot({ path: path.join(out, 'findings-grid-es-ES.png') });
        const old = await env.open('hv2012.corp.example');
        await gridRows(old.tool);
        await old.tool.locator('.vm-name', { hasText: 'LEGACY-SQL' }).click();
        await old.tool.locator('button.action-insert').click();
        await old.page.locator('#shell-dialog:not([hidden])').waitFor();
        await old.page.screenshot({ path: path.join(out, 'remediation.png') });
        await old.page.locator('#shell-dialog-cancel').click();
        const missing = await env.open('fs01.corp.example');
        await missing.tool.locator('.scan-failure').waitFor();
        await missing.page.screenshot({ path: path.join(out, 'no-hyperv-module.png') });
        console.info(`Screenshots written to ${path.relative(root, out)}/`);
    } finally {
        await env.close();
    }
})().catch(error => {
    console.error(error);
    process.exit(1);
});
