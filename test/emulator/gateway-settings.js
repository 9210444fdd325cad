'use strict';
/**
 * The emulated gateway's settings and user routes, what the SDK's settings manager reaches through the
 * shell and what a module asks about the signed-in user (gateway.js calls `route` after the XSRF check):
 *
 *   GET /api/user                  the signed-in user: { userName, domain, prinicipal, ssid } (the SDK's
 *                                  UserPrincipal, core/security/user-principal.d.ts; Net.user = '/user')
 *   GET /api/settings/user         the user's settings (Net.userProfile), kept per user name: one versioned
 *   PUT /api/settings/user         object { version, properties: { extensions: { <module name>: { version,
 *                                  properties } } } }; 404 until first saved
 *   GET /api/settings/all          the application settings (Net.applicationSettings), the same shape, one
 *   PUT /api/settings/all          object for every user: SDK RpcSettingsScope.Application "(All Users)";
 *                                  every user may write them (nothing published refuses a user)
 *   GET /api/settings/admin        the admin settings (Net.adminSettings), the same shape, one object for
 *   PUT /api/settings/admin        every user: RpcSettingsScope.Admin "(All Users Read/Admin Write)":
 *                                  every user reads them, a PUT by a user who is not a gateway
 *                                  administrator answers 403
 *   GET /api/access/check (2.0.0), /api/gateway/access/check (1.0.0)
 *                                  whether the user is a gateway administrator (true | false), what the
 *                                  SDK's GatewayConnection.checkCondition asks a gateway in service mode
 *
 * The scopes and who may write them: the SDK 5.0.0's RpcSettingsScope (core/rpc/settings/
 * rpc-settings-model.d.ts) and Net (core/data/net.js), as copied into docs/emulator.md.
 * The user and their gateway role come from cookies the emulated shell page sets from its URL
 * (&gatewayRole=user|administrator, &user=DOMAIN\name; shell-settings.ts), as the real gateway knows
 * them from the sign-in. Everything is kept in memory for the emulator's lifetime: a reload of the page
 * reads what was saved. How a real gateway stores them, and the exact status and body it refuses a
 * write with, are not known here (docs/emulator.md). `beforeWrite`, when a test sets it, is awaited
 * before each PUT is answered (to hold two admins' saves at the same moment).
 */

const userCookie = 'wac-emulator-user';
const gatewayRoleCookie = 'wac-emulator-gateway-role';
const defaultUser = 'CORP\\hvadmin';
/** The settings routes and the scope each holds (the SDK's Net.userProfile, applicationSettings, adminSettings under /api). */
const scopes = { '/api/settings/user': 'user', '/api/settings/all': 'application', '/api/settings/admin': 'admin' };

function parseCookies(header) {
    return Object.fromEntries((header || '').split(';').map(part => part.trim().split('=')).filter(p => p[0])
        .map(([name, ...value]) => [name, decodeURIComponent(value.join('='))]));
}

/** A versioned object as the SDK's VersionedObject.toJson writes it. */
function isVersionedObject(value) {
    return !!value && typeof value === 'object' && !Array.isArray(value) && typeof value.version === 'number'
        && !!value.properties && typeof value.properties === 'object' && !Array.isArray(value.properties);
}

class GatewaySettings {
    constructor() {
        /** The application settings (one object for the gateway, every user writes); null until first saved. */
        this.application = null;
        /** The admin settings (one object for the gateway, gateway administrators write); null until first saved. */
        this.admin = null;
        /** The user settings, per user name (lower case). */
        this.users = new Map();
        /** Every request to these routes, for tests: { method, path, user, administrator, status }. */
        this.requests = [];
        /** Set by a test: async ({ path, user }) => void, awaited before a PUT is answered. */
        this.beforeWrite = null;
    }

    /** The signed-in user and whether they are a gateway administrator (the default user is). */
    userOf(request) {
        const cookies = parseCookies(request.headers.cookie);
        const name = cookies[userCookie] || defaultUser;
        const role = (cookies[gatewayRoleCookie] || 'administrator').toLowerCase();
        const [domain, userName] = name.includes('\\') ? name.split('\\') : ['', name];
        return { name, domain, userName, administrator: role !== 'user' };
    }

    /** Answers a settings, user or access route (a promise of { status, body }), or null for any other path. */
    route(request, pathname, body, apiVersion) {
        const path = pathname.toLowerCase();
        const accessCheck = apiVersion === '1.0.0' ? '/api/gateway/access/check' : '/api/access/check';
        if (![ '/api/user', ...Object.keys(scopes), accessCheck ].includes(path)) {
            return null;
        }
        const user = this.userOf(request);
        const held = request.method === 'PUT' && this.beforeWrite ? this.beforeWrite({ path, user: user.name }) : undefined;
        return Promise.resolve(held).then(() => {
            const answer = this.answer(request.method, path, body, user, accessCheck);
            this.requests.push({ method: request.method, path, user: user.name, administrator: user.administrator, status: answer.status });
            return answer;
        });
    }

    answer(method, path, body, user, accessCheck) {
        if (method !== 'GET' && !(method === 'PUT' && path.startsWith('/api/settings/'))) {
            return { status: 405, body: { error: { code: 'MethodNotAllowed', message: `The emulated gateway has no ${method} ${path}.` } } };
        }
        if (path === '/api/user') {
            return { status: 200, body: { userName: user.userName, domain: user.domain, prinicipal: user.name, ssid: 'S-1-5-21-3623811015-3361044348-30300820-1013' } };
        }
        if (path === accessCheck) {
            return { status: 200, body: user.administrator };
        }
        const scope = scopes[path];
        if (method === 'GET') {
            const stored = scope === 'user' ? this.users.get(user.name.toLowerCase()) : this[scope];
            return stored ? { status: 200, body: stored } : { status: 404, body: { error: { code: 'NotFound', message: 'No settings have been saved.' } } };
        }
        if (scope === 'admin' && !user.administrator) {
            return { status: 403, body: { error: { code: 'Forbidden',
                message: `${user.name} is not a gateway administrator: only gateway administrators may change admin settings.` } } };
        }
        let value;
        try {
            value = JSON.parse(body || 'null');
        } catch {
            return { status: 400, body: { error: { code: 'BadRequest', message: 'The body is not JSON.' } } };
        }
        if (!isVersionedObject(value)) {
            return { status: 400, body: { error: { code: 'BadRequest', message: 'Settings are a versioned object: { "version": number, "properties": { ... } }.' } } };
        }
        if (scope === 'user') {
            this.users.set(user.name.toLowerCase(), value);
        } else {
            this[scope] = value;
        }
        return { status: 200, body: value };
    }
}

module.exports = { GatewaySettings, userCookie, gatewayRoleCookie };
