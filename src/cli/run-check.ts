/**
 * Runs the command-line check: the arguments (src/cli/options.ts), --help and --version, then the
 * check; sets the exit code. Whatever goes wrong ends with exit 2 and one line on stderr: bad input
 * (arguments, files, snapshots) with its message, anything else as an unexpected error. Never a
 * stack trace, and never exit 1, which means "a VM fails the check".
 */
import { SnapshotError } from '../app/snapshot/parse-snapshot';
import { RuntimeVersion } from '../version';
import { InputError } from './input-error';
import { CheckOptions, help, Mode, parseCommand, usage } from './options';

/** The first line of what was thrown, with the error's name (e.g. "RangeError: Invalid string length"). */
function oneLine(e: unknown): string {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return text.split(/\r?\n/)[0];
}

function fail(message: string): void {
    process.stderr.write(`check: ${message}\n`);
    process.exitCode = 2;
}

function report(e: unknown): void {
    if (e instanceof InputError || e instanceof SnapshotError) {
        fail(e.message);
    } else {
        fail(`unexpected error: ${oneLine(e)}`);
    }
}

/** Runs a check and sets the exit code. */
export function runCheck(check: () => number): void {
    // Errors that arrive later (writing to a pipe that was closed: EPIPE) end the same way.
    process.on('uncaughtException', report);
    process.stdout.on('error', e => fail(`couldn't write the output: ${oneLine(e)}`));
    try {
        // exitCode (not process.exit) lets node flush a large stdout to a pipe before it ends.
        process.exitCode = check();
    } catch (e) {
        report(e);
    }
}

/** Runs the command line: --help and --version answer at once; otherwise the check for `mode` runs with the options. */
export function runCommand(args: readonly string[], mode: Mode, check: (options: CheckOptions) => number): void {
    runCheck(() => {
        const command = parseCommand(args);
        if (command.kind === 'help') {
            process.stdout.write(`${help}\n`);
            return 0;
        }
        if (command.kind === 'version') {
            process.stdout.write(`${RuntimeVersion.version}\n`);
            return 0;
        }
        if (command.options.mode !== mode) {
            throw new InputError(mode === 'snapshot' ? `--scenario (the simulated host) is test tooling: run it through npm run check\n${usage}` : usage);
        }
        return check(command.options);
    });
}
