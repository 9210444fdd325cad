import { strings } from '../findings/strings.spec-helper';
import { RemediationService } from './remediation.service';

describe('RemediationService.errorMessage', () => {
    const service = new RemediationService({} as never);
    let previous: () => unknown;

    beforeEach(() => {
        const global = window as unknown as { MsftSme: { getStrings?: () => unknown } };
        previous = global.MsftSme.getStrings;
        // The SDK's own error formats (core/assets/strings), as the shell environment provides them.
        global.MsftSme.getStrings = () => ({ ...strings, MsftSmeShell: { Core: {
            ErrorFormat: { Single: { message: '{0}: {1}' }, Multiple: { message: '({0}) {1}: {2}\n' } },
            Error: { PrefixFormat: { message: 'Error: {0}' }, NoResponseError: { message: 'Unable to locate the error object.' } }
        } } });
    });

    afterEach(() => {
        (window as unknown as { MsftSme: { getStrings?: () => unknown } }).MsftSme.getStrings = previous;
    });

    it('shows the host\'s message from the body of a failed request, not the request\'s own "ajax error 400"', () => {
        const error = Object.assign(new Error('ajax error 400'), {
            status: 400,
            xhr: { response: { sessionId: 's1', errors: [{ errorType: 'InvalidOperationException', message: 'The VM is locked by a backup job.' }] } }
        });
        expect(service.errorMessage(error)).toBe('InvalidOperationException: The VM is locked by a backup job.');
    });

    it('shows the gateway\'s message of a gateway error', () => {
        const error = Object.assign(new Error('ajax error 500'), {
            status: 500, xhr: { response: { error: { code: 'InternalServerError', message: 'The pool is exhausted.' } } }
        });
        expect(service.errorMessage(error)).toBe('The pool is exhausted.');
    });

    it('keeps the message of an error that is not a request', () => {
        expect(service.errorMessage(new Error('\'x\' is not a VM Id: a GUID is expected.'))).toBe('\'x\' is not a VM Id: a GUID is expected.');
    });
});
