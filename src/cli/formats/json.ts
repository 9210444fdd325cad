/**
 * `--format json` (the default). One host: {"host","rule","results":[{"vmId","vmName","verdict","message","bpa"}]}
 * (a result an exclusion applies to also has "excluded": true and "exclusionReason")
 * (and "error" when the host could not be scanned). A fleet: {"rule","hosts":[{"file","host","results"} | {"file","host"?,"error"}]}.
 */
import { CheckReport } from '../report';

export function renderJson(report: CheckReport): string {
    if (report.fleet) {
        return JSON.stringify({ rule: report.rule, hosts: report.hosts }) + '\n';
    }
    const { host, results, error } = report.hosts[0];
    return JSON.stringify({ host, rule: report.rule, results, ...(error ? { error } : {}) }) + '\n';
}
