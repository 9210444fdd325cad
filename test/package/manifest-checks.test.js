'use strict';
// The manifest checks npm test runs beside the schema (gulps/manifest-checks.js): the real
// manifest passes, and each way it used to be wrong (or could drift) is caught.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { manifestProblems } = require('../../gulps/manifest-checks');

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const build = { packedModuleName: 'hvtools.replica-failover-ip', scriptsModuleName: 'hvtools.replica-failover-ip' };
const copy = () => JSON.parse(JSON.stringify(manifest));

test('the manifest passes: servers, both cluster pairs, jea and the module name', () => {
    assert.deepEqual(manifestProblems(manifest, build), []);
    assert.equal(manifest.powerShellModuleName, build.packedModuleName);
});

test('the manifest as it was (only the failover-cluster solution, no module name, no jea) fails', () => {
    const old = copy();
    old.entryPoints[0].requirements = [{
        solutionIds: ['msft.sme.server-manager!servers', 'msft.sme.failover-cluster!failover-cluster'],
        connectionTypes: ['msft.sme.connection-type.server', 'msft.sme.connection-type.cluster'],
        conditions: old.entryPoints[0].requirements[0].conditions
    }];
    delete old.powerShellModuleName;
    delete old.jea;
    const problems = manifestProblems(old, build);
    assert.ok(problems.some(p => /msft\.sme\.software-defined-data-center!cluster with connection type msft\.sme\.connection-type\.cluster/.test(p)), problems.join('\n'));
    // One requirement listing both solutions and both types also offers servers on clusters and the reverse.
    assert.ok(problems.some(p => /msft\.sme\.server-manager!servers with connection type msft\.sme\.connection-type\.cluster, a pair WAC does not use/.test(p)), problems.join('\n'));
    assert.ok(problems.some(p => /"powerShellModuleName" is missing/.test(p)));
    assert.ok(problems.some(p => /"jea" is not true/.test(p)));
});

test('the old cluster pair alone is not enough, nor the new one alone', () => {
    for (const dropped of ['msft.sme.software-defined-data-center!cluster', 'msft.sme.failover-cluster!failover-cluster']) {
        const changed = copy();
        changed.entryPoints[0].requirements = changed.entryPoints[0].requirements.filter(r => !r.solutionIds.includes(dropped));
        assert.deepEqual(manifestProblems(changed, build), [`the tool is not offered for solution ${dropped} with connection type msft.sme.connection-type.cluster`]);
    }
});

test('a module name that differs from the packed module or from PowerShellScripts is caught', () => {
    const changed = copy();
    changed.powerShellModuleName = 'hvtools.other';
    assert.equal(manifestProblems(changed, build).length, 2);
    assert.match(manifestProblems(manifest, { ...build, packedModuleName: 'hvtools.renamed' })[0], /packed module is 'hvtools\.renamed'/);
});
