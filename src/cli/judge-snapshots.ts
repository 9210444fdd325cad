/**
 * The command-line check's work: judge snapshot texts under a rule with the tool's own parser, rule
 * and message texts, write the report in the chosen format and give the exit code. Used by
 * src/cli/check.ts (snapshots saved from real hosts) and by the test tooling's scenario mode
 * (test/tools/check-scenario.ts); nothing here knows about the simulated host.
 * Output: src/cli/formats/ (json, csv, junit). Exit 0: no VM fails the check; 1: a VM fails it (fail
 * under the seed rule, warn under the companion rule) and is not excluded (--exclusions); 2: a host could not be scanned or an input is
 * not valid (the same in every format).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Exclusion } from '../app/exclusions/exclusions';
import { describeFinding, RuleTexts } from '../app/rule/describe-finding';
import { evaluate } from '../app/rule/evaluate';
import { RuleId } from '../app/rule/finding';
import { parseSnapshotText, SnapshotError } from '../app/snapshot/parse-snapshot';
import { exclusionFor, loadExclusions } from './exclusions-file';
import { InputError } from './input-error';
import { CheckOptions } from './options';
import { render } from './output-format';
import { CheckReport, exitCode, HostReport, VmResult } from './report';
import { isFolder, readSnapshot, snapshotFiles } from './snapshot-files';

/** The project root: the bundles run from dist-cli/, one level below it. */
export const projectRoot = path.resolve(__dirname, '..');

export function loadRuleTexts(): RuleTexts {
    const file = path.join(projectRoot, 'src/resources/strings/strings.resjson');
    const flat = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const texts: Record<string, Record<string, string>> = {};
    const prefix = 'HvtoolsReplicaFailoverIp_Rule_';
    for (const [key, value] of Object.entries(flat)) {
        if (!key.startsWith(prefix)) {
            continue;
        }
        const [group, name] = key.substring(prefix.length).split('_');
        if (name) {
            (texts[group] = texts[group] || {})[name] = value;
        }
    }
    return texts as unknown as RuleTexts;
}

/** What judging needs besides the snapshot: the rule, its texts, and the exclusions to apply. */
export interface Judging {
    rule: RuleId;
    texts: RuleTexts;
    exclusions: readonly Exclusion[];
}

function judging(options: CheckOptions): Judging {
    return { rule: options.rule, texts: loadRuleTexts(), exclusions: options.exclusionsFile === null ? [] : loadExclusions(options.exclusionsFile) };
}

/** Judges one snapshot text under the rule; a snapshot that says the host could not be scanned carries its error. */
function judge(text: string, { rule, texts, exclusions }: Judging): HostReport {
    const result = evaluate(parseSnapshotText(text), rule);
    const report: HostReport = {
        host: result.host.name,
        results: result.findings.map(f => {
            const vmResult: VmResult = { vmId: f.vm.id, vmName: f.vm.name, verdict: f.verdict, message: describeFinding(f, texts), bpa: f.bpa };
            const exclusion = exclusionFor(exclusions, result.host, f.vm.id, rule, f.verdict);
            return exclusion ? { ...vmResult, excluded: true, exclusionReason: exclusion.reason } : vmResult;
        })
    };
    if (result.hostError) {
        report.error = result.hostError;
    }
    return report;
}

/** Writes the report in the chosen format, names on stderr what could not be scanned, and gives the exit code. */
function finish(report: CheckReport, options: CheckOptions): number {
    process.stdout.write(render(options.format, report));
    for (const host of report.hosts) {
        if (host.error) {
            process.stderr.write(`${report.fleet ? host.file : host.host}: ${host.error.message}\n`);
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
