import { parseRemediationResult } from './remediation-result';

describe('parseRemediationResult', () => {
    it('reads the script\'s JSON result', () => {
        expect(parseRemediationResult(['{"status":"inserted","changed":true,"drive":"IDE 1:0","before":null,"after":"C:\\\\x.iso"}']))
            .toEqual({ status: 'inserted', changed: true, drive: 'IDE 1:0', before: null, after: 'C:\\x.iso' });
    });

    it('reads the change in progress of a busy VM', () => {
        expect(parseRemediationResult(['{"status":"busy","changed":false,"inProgress":"Set-FailoverTcpIpConfiguration","before":null,"after":null}']))
            .toEqual({ status: 'busy', changed: false, inProgress: 'Set-FailoverTcpIpConfiguration', before: null, after: null });
    });

    it('says what is wrong with malformed output', () => {
        expect(() => parseRemediationResult([])).toThrowError('expected one result from the script, got 0');
        expect(() => parseRemediationResult(['nope'])).toThrowError('the script result is not JSON');
        expect(() => parseRemediationResult(['{"changed":true}'])).toThrowError('the script result has no status');
    });

    it('refuses a status this version does not know, naming it', () => {
        expect(() => parseRemediationResult(['{"status":"formatted-disk","changed":true}']))
            .toThrowError(/the script returned the status "formatted-disk", which this version doesn't know \(it knows inserted, /);
        expect(() => parseRemediationResult(['{"status":"constructor","changed":false}'])).toThrowError(/"constructor"/);
    });
});
