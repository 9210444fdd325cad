'use strict';
/**
 * The emulated gateway's settings and user routes, what the SDK's settings manager reaches through the
 * shell and what a module asks about the signed-in user (gateway.js calls `route` after the XSRF check):
 *
 *   GET /api/user                  the signed-in user: { userName, domain, prinicipal, ssid } (the SDK's
 *                                  UserPrincipal, core/security/user-principal.d.ts; Net.user = '/user')
 *   GET /api/settings/all          the application settings of the gateway (Net.applicationSettings), one
 *                                  versioned object for every user: { version, properties: { extensions:
 *                                  { <module name>: { version, properties } } } }; 404 until first saved
 *   PUT /api/settings/all          replaces them; 403 for a user who is not a gateway administrator
 *   GET /api/settings/user         the same per user (Net.userProfile), kept per user name
 *   PUT /api/settings/user
 *   GET /api/access/check (2.0.0), /api/gateway/access/check (1.0.0)
 *                                  whether the user is a gateway administrator (true | false), what the
 *                                  SDK's GatewayConnection.checkCondition asks a gateway in service mode
 *
 * The user and their gateway role come from cookies the emulated shell page sets from its URL
 * (&gatewayRole=user|administrator, &user=DOMAIN\name; shell-settings.ts), as the real gateway knows
 * them from the sign-in. Everything is kept in memory for the emulator's lifetime: a reload of the page
 * reads what was saved. How a real gateway stores them, and the exact status and body it refuses a
 * write with, are not known here (docs/emulator.md).
 */

const userCookie = 'wac-emulator-user';
const gatewayRoleCookie = 'wac-emulator-gateway-role';
const defaultUser = 'CORP\\hvadmin';

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
        /** The application settings (one object for the gateway); null until first saved. */
        this.application = null;
        /** The user settings, per user name (lower case). */
        this.users = new Map();
        /** Every request to these routes, for tests: { method, path, user, administrator, status }. */
        this.requests = [];
    }

    /** The signed-in user and whether they are a gateway administrator (the default user is). */
    userOf(request) {
        const cookies = parseCookies(request.headers.cookie);
        const name = cookies[userCookie] || defaultUser;
        const role = (cookies[gatewayRoleCookie] || 'administrator').toLowerCase();
        const [domain, userName] = name.includes('\\') ? name.split('\\') : ['', name];
        return { name, domain, userName, administrator: role !== 'user' };
    }

    /** Answers a settings, user or access route ({ status, body }), or null for any other path. */
    route(request, pathname, body, apiVersion) {
        const path = pathname.toLowerCase();
        const accessCheck = apiVersion === '1.0.0' ? '/api/gateway/access/check' : '/api/access/check';
        if (![ '/api/user', '/api/settings/all', '/api/settings/user', accessCheck ].includes(path)) {
            return null;
        }
        const user = this.userOf(request);
        const answer = this.answer(request.method, path, body, user, accessCheck);
        this.requests.push({ method: request.method, path, user: user.name, administrator: user.administrator, status: answer.status });
        return answer;
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
        const application = path === '/api/settings/all';
        if (method === 'GET') {
            const stored = application ? this.application : this.users.get(user.name.toLowerCase());
            return stored ? { status: 200, body: stored } : { status: 404, body: { error: { code: 'NotFound', message: 'No settings have been saved.' } } };
        }
        if (application && !user.administrator) {
            return { status: 403, body: { error: { code: 'Forbidden',
                message: `${user.name} is not a gateway administrator: only gateway administrators may change application settings.` } } };
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
        if (application) {
            this.application = value;
        } else {
            this.users.set(user.name.toLowerCase(), value);
        }
        return { status: 200, body: value };
    }
}

module.exports = { GatewaySettings, userCookie, gatewayRoleCookie };
