import { classifyCommandError, errorRecords, isRoleRefusal, PowerShellErrors, RoleRefusal } from './role-refusal';

const notFound = (name: string) => ({
    errorType: 'CommandNotFoundException',
    message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. `
        + 'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.'
});

describe('role refusal (JEA)', () => {
    it('is the CommandNotFoundException for the command that was sent, module-qualified or not', () => {
        expect(isRoleRefusal([notFound('hvtools.replica-failover-ip\\Enable-KvpExchangeService')], 'Enable-KvpExchangeService')).toBeTrue();
        expect(isRoleRefusal([notFound('Enable-KvpExchangeService')], 'Enable-KvpExchangeService')).toBeTrue();
    });

    it('is not a missing cmdlet inside the script, nor another error type naming the command', () => {
        expect(isRoleRefusal([notFound('Get-VM')], 'Enable-KvpExchangeService')).toBeFalse();
        expect(isRoleRefusal([notFound('Enable-KvpExchangeServiceX')], 'Enable-KvpExchangeService')).toBeFalse();
        expect(isRoleRefusal([{ errorType: 'RuntimeException', message: '\'Enable-KvpExchangeService\' failed' }], 'Enable-KvpExchangeService')).toBeFalse();
        expect(isRoleRefusal([], 'Enable-KvpExchangeService')).toBeFalse();
    });

    it('finds the records in a response, in an ajax error\'s body and in PowerShellErrors', () => {
        const record = notFound('Mount-IntegrationServicesSetupDisk');
        expect(errorRecords({ results: [], errors: [record] })).toEqual([record]);
        expect(errorRecords({ status: 400, xhr: { response: { errors: [record] } } })).toEqual([record]);
        expect(errorRecords({ status: 500, xhr: { response: { error: record } } })).toEqual([record]);
        expect(errorRecords(new PowerShellErrors([record]))).toEqual([record]);
        expect(errorRecords({ status: 500, xhr: { response: { error: { code: 'Oops', message: 'no type' } } } })).toEqual([]);
        expect(errorRecords(null)).toEqual([]);
    });

    it('turns the refusal into a RoleRefusal and leaves other errors as they are', () => {
        const error = { status: 400, xhr: { response: { errors: [notFound('Enable-KvpExchangeService')] } } };
        const refused = classifyCommandError(error, 'Enable-KvpExchangeService');
        expect(refused instanceof RoleRefusal).toBeTrue();
        expect((refused as RoleRefusal).command).toBe('Enable-KvpExchangeService');
        const other = new Error('The device is not ready.');
        expect(classifyCommandError(other, 'Enable-KvpExchangeService')).toBe(other);
    });

    it('PowerShellErrors says each error with its type', () => {
        expect(new PowerShellErrors([{ errorType: 'RuntimeException', message: 'a' }, { message: 'b' }]).message).toBe('RuntimeException: a\nb');
    });
});
