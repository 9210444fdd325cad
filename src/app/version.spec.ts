import { manifestName, RuntimeVersion } from '../version';

/* eslint-disable @typescript-eslint/no-var-requires */
const packageJson = require('../../package.json') as { version: string };
const manifest = require('../../manifest.json') as { name: string };
/* eslint-enable @typescript-eslint/no-var-requires */

describe('version.ts', () => {
    it('carries the version of package.json (what the package is published as)', () => {
        expect(RuntimeVersion.version).toBe(packageJson.version);
    });

    it('carries the manifest\'s name', () => {
        expect(manifestName).toBe(manifest.name);
    });
});
