'use strict';
/**
 * What the schema can't say about this extension's manifest, checked in `npm test` beside the schema:
 * - the tool is offered on servers and on cluster connections, under the cluster pair WAC uses since
 *   1909 (msft.sme.software-defined-data-center!cluster, which covers HCI clusters too) and the old
 *   pair for older gateways, each solution with its own connection type (one requirement per pair:
 *   the SDK's tool-condition-validator matches a solution id AND a connection type per requirement);
 * - `jea: true`: on a connection that uses a JEA endpoint the SDK lists only tools whose module says
 *   so (core/security/tool-connection-query.js);
 * - `powerShellModuleName` names the PowerShell module the build packed and PowerShellScripts uses.
 */
const requiredPairs = [
    ['msft.sme.server-manager!servers', 'msft.sme.connection-type.server'],
    ['msft.sme.software-defined-data-center!cluster', 'msft.sme.connection-type.cluster'],
    ['msft.sme.failover-cluster!failover-cluster', 'msft.sme.connection-type.cluster']
];

/** Every (solution, connection type) pair the manifest's tool entry points are offered under. */
function offeredPairs(manifest) {
    const pairs = [];
    for (const entryPoint of (manifest.entryPoints || []).filter(e => e.entryPointType === 'tool')) {
        for (const requirement of entryPoint.requirements || []) {
            for (const solution of requirement.solutionIds || []) {
                for (const type of requirement.connectionTypes || []) {
                    pairs.push([solution, type]);
                }
            }
        }
    }
    return pairs;
}

/**
 * Returns the problems found (empty when the manifest is right).
 * @param {object} manifest the parsed manifest.json
 * @param {{ packedModuleName: string, scriptsModuleName: string }} build what the build produced
 */
function manifestProblems(manifest, build) {
    const problems = [];
    const pairs = offeredPairs(manifest);
    const has = (solution, type) => pairs.some(([s, t]) => s === solution && t === type);
    for (const [solution, type] of requiredPairs) {
        if (!has(solution, type)) {
            problems.push(`the tool is not offered for solution ${solution} with connection type ${type}`);
        }
    }
    for (const [solution, type] of pairs) {
        if (!requiredPairs.some(([s, t]) => s === solution && t === type)) {
            problems.push(`the tool is offered for solution ${solution} with connection type ${type}, a pair WAC does not use`);
        }
    }
    if (manifest.jea !== true) {
        problems.push('"jea" is not true: under role-based access (a JEA endpoint) WAC would not list the tool');
    }
    if (!manifest.powerShellModuleName) {
        problems.push('"powerShellModuleName" is missing: the build writes it from the packed PowerShell module');
    } else {
        if (manifest.powerShellModuleName !== build.packedModuleName) {
            problems.push(`"powerShellModuleName" is '${manifest.powerShellModuleName}' but the packed module is '${build.packedModuleName}'`);
        }
        if (manifest.powerShellModuleName !== build.scriptsModuleName) {
            problems.push(`"powerShellModuleName" is '${manifest.powerShellModuleName}' but PowerShellScripts.module is '${build.scriptsModuleName}'`);
        }
    }
    return problems;
}

module.exports = { manifestProblems, requiredPairs };
