/**
 * The command-line check's work: judge snapshot texts under a rule with the tool's own parser, rule
 * and message texts, write the report in the chosen format and give the exit code. Used by
 * src/cli/check.ts (snapshots saved from real hosts) and by the test tooling's scenario mode
 * (test/tools/check-scenario.ts); nothing here knows about the simulated host.
 * Output: src/cli/formats/ (json, csv, junit). Exit 0: no VM fails the check; 1: a VM gets the rule's
 * failing verdict (RuleDefinition.failing) and is not excluded (--exclusions); 2: a host could not be
 * scanned or an input is not valid (the same in every format).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Exclusion } from '../app/exclusions/exclusions';
import { describeFinding, FindingTexts } from '../app/rules/describe-finding';
import { evaluate } from '../app/rules/evaluate';
import { ruleRegistry } from '../app/rules/registry';
import { RuleDefinition, ruleById } from '../app/rules/rule-definition';
import { parseSnapshotText, SnapshotError } from '../app/snapshot/parse-snapshot';
import { Strings } from '../generated/strings';
import { exclusionFor, loadExclusions } from './exclusions-file';
import { InputError } from './input-error';
import { CheckOptions } from './options';
import { render } from './output-format';
import { CheckReport, exitCode, HostReport, VmResult } from './report';
import { isFolder, readSnapshot, snapshotFiles } from './snapshot-files';

/** The project root: the bundles run from dist-cli/, one level below it. */
export const projectRoot = path.resolve(__dirname, '..');

/** The generated en-US strings (`npm run generate` writes them from strings.resjson; tools/check.js runs it when they are missing). */
export const stringsFile = path.join(projectRoot, 'src/assets/strings/strings.json');

/** The findings' texts, from the generated strings: the tool and the check say the same thing. */
export function loadFindingTexts(): FindingTexts {
    let strings: { Strings: Strings };
    try {
        strings = JSON.parse(fs.readFileSync(stringsFile, 'utf8')) as { Strings: Strings };
    } catch (e) {
        throw new InputError(`couldn't read the generated strings ${stringsFile} (run npm run generate): ${(e as Error).message}`);
    }
    return strings.Strings.HvtoolsReplicaFailoverIp.Finding;
}

/** What judging needs besides the snapshot: the rule, the findings' texts, and the exclusions to apply. */
export interface Judging {
    rule: RuleDefinition;
    texts: FindingTexts;
    exclusions: readonly Exclusion[];
}

function judging(options: CheckOptions): Judging {
    const rule = ruleById(ruleRegistry, options.rule);
    if (!rule) {
        throw new InputError(`unknown rule "${options.rule}"`);
    }
    return { rule, texts: loadFindingTexts(), exclusions: options.exclusionsFile === null ? [] : loadExclusions(options.exclusionsFile) };
}

/** Judges one snapshot text under the rule; a snapshot that says the host could not be scanned carries its error. */
function judge(text: string, { rule, texts, exclusions }: Judging): HostReport {
    const result = evaluate(parseSnapshotText(text), rule);
    const report: HostReport = {
        host: result.host.name,
        results: result.findings.map(f => {
            const vmResult: VmResult = { vmId: f.vm.id, vmName: f.vm.name, verdict: f.verdict, message: describeFinding(f, texts), bpa: f.bpa };
            const exclusion = exclusionFor(exclusions, result.host, f.vm.id, rule.id, f.verdict);
            return exclusion ? { ...vmResult, excluded: true, exclusionReason: exclusion.reason } : vmResult;
        })
    };
    if (result.hostError) {
        report.error = result.hostError;
    }
    if (result.host.failoverMapping === 'instanceIdGuess') {
        report.failoverMappingGuessed = true;
    }
    return report;
}

/** Writes the report in the chosen format, names on stderr what could not be scanned and the hosts read by the InstanceID guess, and gives the exit code. */
function finish(report: CheckReport, options: CheckOptions): number {
    process.stdout.write(render(options.format, report));
    for (const host of report.hosts) {
        if (host.error) {
            process.stderr.write(`${report.fleet ? host.file : host.host}: ${host.error.message}\n`);
        }
        if (host.failoverMappingGuessed) {
            process.stderr.write(`${host.host}: warning: failover IP settings were matched to network adapters by their instance ID `
                + '(the adapter association could not be read); if that match is wrong, failover IP addresses read as not set.\n');
        }
    }
    return exitCode(report);
}

/** Judges one host's snapshot text: writes its report, returns the exit code. */
export function checkSnapshotText(text: string, options: CheckOptions, how: Judging = judging(options)): number {
    return finish({ rule: options.rule, fleet: false, hosts: [judge(text, how)] }, options);
}

/** Judges a fleet: several snapshot files, or every *.json of folders; one report per file. */
function checkFleet(paths: string[], options: CheckOptions, how: Judging): number {
    const files = snapshotFiles(paths, (file, why) => process.stderr.write(`check: skipped ${file}: ${why}\n`));
    const hosts: HostReport[] = files.map(file => {
        try {
            return { file, ...judge(readSnapshot(file), how) };
        } catch (e) {
            if (e instanceof InputError || e instanceof SnapshotError) {
                return { file, error: { code: 'InvalidSnapshot', message: e.message } };
            }
            throw e;
        }
    });
    if (hosts.length === 0) {
        throw new InputError(`no snapshot files in ${paths.join(', ')}`);
    }
    return finish({ rule: options.rule, fleet: true, hosts }, options);
}

/** `--snapshot FILE`: one host; `--snapshot FILE|FOLDER ...` with several paths or a folder: a fleet. */
export function checkSnapshots(options: CheckOptions): number {
    const paths = options.paths;
    // The exclusions first: a bad file is named before any snapshot is read.
    const how = judging(options);
    if (paths.length > 1 || isFolder(paths[0])) {
        return checkFleet(paths, options, how);
    }
    return checkSnapshotText(readSnapshot(paths[0]), options, how);
}
