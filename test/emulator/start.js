'use strict';
/**
 * `npm start`: serves the production bundle in the emulated WAC shell, against the emulated gateway
 * and the simulated Hyper-V hosts of demo.json, and prints the addresses to open.
 * Options: --port N (default 4300), --host ADDRESS (default 127.0.0.1), --api 2.0.0|1.0.0 (the
 * gateway API version by default; a page can pick the other with &api=), --rbac (RBAC mode: every
 * node behind WAC's JEA endpoint; a page picks the user's role with &role=Readers|Administrators).
 * RBAC mode runs the packed PowerShell module: npm run build (or npm run generate) writes dist-ps/.
 */
const path = require('path');
const { start } = require('./server');

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : fallback;
};
const demo = require('./demo.json');
const nodes = Object.fromEntries(Object.entries(demo.nodes).map(([name, file]) => [name, path.resolve(__dirname, '../..', file)]));
const clusterNodes = Object.values(demo.clusters).flatMap(c => c.nodes.map(n => n.fqdn));
const rbac = args.includes('--rbac') ? 'Readers' : false;

start({ port: Number(option('port', 4300)), host: option('host', '127.0.0.1'), apiVersion: option('api', '2.0.0'), nodes, clusters: demo.clusters,
    unreachableNodes: demo.unreachableNodes, faultyNodes: demo.faultyNodes, rbac })
    .then(({ url, close, gateway }) => {
        console.info(`\nReplica failover IP check, in the emulated Windows Admin Center shell (gateway API ${gateway.options.apiVersion}):\n`);
        console.info(`  ${url}/?node=${Object.keys(demo.nodes)[0]}                 demo host (every verdict)`);
        for (const node of Object.keys(demo.nodes).slice(1).filter(n => !clusterNodes.includes(n))) {
            console.info(`  ${url}/?node=${node}`);
        }
        for (const cluster of Object.keys(demo.clusters)) {
            console.info(`  ${url}/?node=${cluster}&type=cluster      a 4-node failover cluster: one node paused, one down`);
        }
        for (const node of demo.unreachableNodes.filter(n => !clusterNodes.includes(n))) {
            console.info(`  ${url}/?node=${node}                 a node that does not answer`);
        }
        for (const node of demo.faultyNodes) {
            console.info(`  ${url}/?node=${node}                  a gateway error (500)`);
        }
        console.info(`  add &locale=es-ES for Spanish, &api=1.0.0 for the gateway API 1.0.0, &token=expired for an expired credential.`);
        console.info(`  add &gatewayRole=user for a gateway user who may not change application settings (exclusions).`);
        if (rbac) {
            console.info(`  RBAC mode (JEA endpoints): add &role=Readers or &role=Administrators (default Readers).`);
        }
        console.info(`  Ctrl+C stops the server.\n`);
        const stop = () => close().then(() => process.exit(0));
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    })
    .catch(error => {
        console.error(`Couldn't start the emulated shell: ${error.message}`);
        process.exit(1);
    });
