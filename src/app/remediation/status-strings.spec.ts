import { Strings } from '../../generated/strings';
import { remediationStatuses } from '../host-contract';
import { statusTemplates } from './host-changes.service';

/** The generated strings of both languages (src/resources/strings/**\/strings.resjson, by `npm run generate`). */
const languages: Record<string, Strings> = {
    /* eslint-disable @typescript-eslint/no-var-requires */
    'en-US': (require('../../assets/strings/strings.json') as { Strings: Strings }).Strings,
    'es-ES': (require('../../assets/strings/es-ES/strings.json') as { Strings: Strings }).Strings
    /* eslint-enable @typescript-eslint/no-var-requires */
};

describe('remediation status strings', () => {
    for (const [language, strings] of Object.entries(languages)) {
        it(`give every status a script can return a sentence in ${language}`, () => {
            const templates = statusTemplates(strings.HvtoolsReplicaFailoverIp);
            const missing = remediationStatuses.filter(status => {
                const template: unknown = templates[status];
                return typeof template !== 'string' || template.trim() === '' || template === status;
            });
            expect(missing).toEqual([]);
        });
    }

    it('are distinct per language (es-ES is not a copy of en-US)', () => {
        const en = statusTemplates(languages['en-US'].HvtoolsReplicaFailoverIp);
        const es = statusTemplates(languages['es-ES'].HvtoolsReplicaFailoverIp);
        expect(remediationStatuses.filter(status => en[status] === es[status])).toEqual([]);
    });
});
