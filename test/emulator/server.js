'use strict';
/**
 * The emulated WAC environment on one local HTTP server:
 *   /                    the emulated shell page (shell.html + shell.ts bundled with esbuild)
 *   /manifest.json       the shell manifest, listing the tool's module (from bundle/manifest.json)
 *   /assets/strings/...  the shell's strings (the SDK's own)
 *   /styles/...          the shell's shared css and fonts (the SDK's own; the fonts from test/.tools/sdk-fonts,
 *                        see .ci/setup), handed to the module in Init
 *   /module/...          the production bundle of the tool (bundle/), its <base href> set to /module/
 *   /api/...             the emulated gateway (gateway.js), PowerShell on simulated Hyper-V hosts
 *   /emulator/clusters.json  the clusters' saved credentials (the shell hands the cluster's node token
 *                        to the module, as WAC does for a cluster connection added with credentials)
 * The shell page sets the gateway API version of the browser session (?api=1.0.0|2.0.0, default the
 * start option) in a cookie the gateway reads, and the XSRF cookie of that version.
 * RBAC mode (options.rbac): the nodes have WAC's JEA endpoint with the PowerShell module the tool's
 * manifest names (jea-endpoint.js); the shell page's ?role=Readers|Administrators picks the user's
 * role (shell-rbac.ts sets the cookie the endpoint reads).
 */
const crypto = require('crypto');
const esbuild = require('esbuild');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { Gateway, apiVersionCookie, versions } = require('./gateway');

const root = path.resolve(__dirname, '../..');
const sdk = path.join(root, 'node_modules/@microsoft/windows-admin-center-sdk');
// The SDK 5.0.0 npm package's .woff files are corrupt (bytes replaced by U+FFFD, so no browser loads
// them); .ci/setup puts the same fonts from the intact SDK 2.510.1 package here.
const intactFonts = path.join(root, 'test/.tools/sdk-fonts');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
    '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.png': 'image/png', '.ico': 'image/x-icon' };

function buildShell() {
    const result = esbuild.buildSync({
        entryPoints: [path.join(__dirname, 'shell.ts')], bundle: true, write: false, format: 'iife', target: 'es2020',
        logLevel: 'error', tsconfig: path.join(root, 'tsconfig.json')
    });
    return result.outputFiles[0].text;
}

/**
 * The shell manifest: the tool's module, and WAC's own Virtual Machines tool (msft.sme.hyperv, listed
 * so the tool offers Open; the emulated shell records the navigation instead of loading it).
 */
function shellManifest(bundle, gatewayApiVersion) {
    const module = JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8'));
    const hyperV = {
        name: 'msft.sme.hyperv', displayName: 'Virtual machines', version: '0.0.0', signature: 'version 0.0.0', origin: '', target: '/emulator/hyperv',
        entryPoints: [{ entryPointType: 'tool', name: 'virtualMachines', urlName: 'virtual-machines', displayName: 'Virtual machines', path: '',
            requirements: [{ solutionIds: ['msft.sme.server-manager!servers', 'msft.sme.software-defined-data-center!cluster', 'msft.sme.failover-cluster!failover-cluster'],
                connectionTypes: ['msft.sme.connection-type.server', 'msft.sme.connection-type.cluster'] }] }]
    };
    return {
        name: 'msft.sme.shell', version: '0.0.0', signature: 'version 0.0.0', gatewayApiVersion,
        modules: [{ ...module, origin: '', target: '/module' }, hyperV]
    };
}

function serveFile(response, file, transform) {
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        return response.end('Not found');
    }
    const body = transform ? transform(fs.readFileSync(file, 'utf8')) : fs.readFileSync(file);
    response.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    return response.end(body);
}

function inside(base, relative) {
    const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
    return file.startsWith(base) ? file : null;
}

/**
 * Starts the server. options: { port, host, bundle, apiVersion, nodes: {name: scenario}, clusters, unreachableNodes,
 * faultyNodes, slowNodes, latencyMs, nodeTimeoutMs } (gateway.js says what each means), and
 * rbac: false | true | 'Readers' | 'Administrators' (RBAC mode, and the role of a user the shell names
 * none for; true: Readers), moduleRoot (where the module is deployed; default dist-ps/powershell-module).
 * Resolves with { url, gateway, close() }.
 */
function start(options) {
    const bundle = options.bundle || path.join(root, 'bundle');
    if (!fs.existsSync(path.join(bundle, 'index.html'))) {
        throw new Error(`No production bundle in ${bundle}: run npm run build first.`);
    }
    const shellScript = buildShell();
    // RBAC mode: the nodes' JEA endpoints have the PowerShell module the tool's manifest names,
    // deployed from the packed module (npm run generate writes dist-ps/).
    const rbac = options.rbac ? {
        manifestPath: path.join(bundle, 'manifest.json'),
        moduleRoot: options.moduleRoot || path.join(root, 'dist-ps', 'powershell-module'),
        defaultRole: options.rbac === true ? 'Readers' : options.rbac
    } : null;
    const gateway = new Gateway({ ...options, rbac });
    const server = http.createServer((request, response) => {
        let body = '';
        request.on('data', chunk => body += chunk);
        request.on('end', () => {
            const url = new URL(request.url, 'http://localhost');
            if (gateway.handle(request, response, body)) {
                return;
            }
            const pathname = decodeURIComponent(url.pathname);
            if (pathname === '/' || pathname === '/index.html') {
                const chosen = url.searchParams.get('api') || gateway.options.apiVersion;
                if (!versions[chosen]) {
                    response.writeHead(400, { 'content-type': 'text/plain' });
                    return response.end(`Unknown gateway API version '${chosen}': use api=2.0.0 or api=1.0.0.`);
                }
                const xsrf = versions[chosen].xsrfCookie;
                const other = Object.values(versions).map(v => v.xsrfCookie).find(name => name !== xsrf);
                response.setHeader('set-cookie', [`${apiVersionCookie}=${chosen}; Path=/; SameSite=Strict`,
                    `${xsrf}=${crypto.randomUUID()}; Path=/; SameSite=Strict`, `${other}=; Path=/; Max-Age=0`]);
                return serveFile(response, path.join(__dirname, 'shell.html'));
            }
            if (pathname === '/shell/shell.js') {
                response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
                return response.end(shellScript);
            }
            if (pathname === '/emulator/clusters.json') {
                response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
                return response.end(JSON.stringify(options.clusters || {}));
            }
            if (pathname === '/manifest.json') {
                response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
                return response.end(JSON.stringify(shellManifest(bundle, gateway.apiVersionOf(request))));
            }
            if (pathname.startsWith('/styles/fonts/') && fs.existsSync(intactFonts)) {
                return serveFile(response, inside(intactFonts, pathname.substring('/styles/fonts/'.length)));
            }
            if (pathname.startsWith('/styles/')) {
                return serveFile(response, inside(path.join(sdk, 'styles'), pathname.substring('/styles/'.length)));
            }
            if (pathname.startsWith('/assets/strings/')) {
                return serveFile(response, inside(path.join(sdk, 'core/assets/strings'), pathname.substring('/assets/strings/'.length)));
            }
            if (pathname.startsWith('/module/')) {
                const relative = pathname.substring('/module/'.length) || 'index.html';
                const file = inside(bundle, relative);
                const html = relative === 'index.html' ? text => text.replace('<base href="/">', '<base href="/module/">') : null;
                // Angular routes of the module fall back to its index.html.
                return serveFile(response, file && fs.existsSync(file) ? file : path.join(bundle, 'index.html'),
                    html || (file && fs.existsSync(file) ? null : text => text.replace('<base href="/">', '<base href="/module/">')));
            }
            response.writeHead(404, { 'content-type': 'text/plain' });
            response.end('Not found');
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port || 0, options.host || '127.0.0.1', () => {
            const address = server.address();
            resolve({
                url: `http://${address.address}:${address.port}`,
                gateway,
                close: () => new Promise(done => {
                    gateway.close();
                    server.closeAllConnections();
                    server.close(() => done());
                })
            });
        });
    });
}

module.exports = { start };
