import { Finding, Verdict, verdicts } from './finding';

/** Findings per verdict, every verdict counted (0 when none). */
export function countVerdicts(findings: readonly Finding[]): Record<Verdict, number> {
    const counts = {} as Record<Verdict, number>;
    for (const verdict of verdicts) {
        counts[verdict] = findings.filter(f => f.verdict === verdict).length;
    }
    return counts;
}
