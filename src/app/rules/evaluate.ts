import { Snapshot, SnapshotVm } from '../snapshot/snapshot';
import { bpaFlag, bpaNote } from './bpa';
import { Finding, HostFindings, VmFindings } from './finding';
import { ruleRegistry } from './registry';
import { RuleDefinition } from './rule-definition';
import { failoverFacts, modeOf, takingPartModes } from './vm-facts';

/** Judges one VM under a rule (the registry's first unless named). */
export function evaluateVm(vm: SnapshotVm, rule: RuleDefinition = ruleRegistry[0]): Finding {
    const [verdict, reason] = rule.judge(vm);
    const failover = failoverFacts(vm);
    const finding: Finding = {
        rule: rule.id,
        vm,
        verdict,
        reason,
        takesPart: takingPartModes.has(modeOf(vm)),
        failoverAddresses: failover.addresses,
        failoverConfigured: failover.configured,
        bpa: bpaFlag(rule, vm, verdict),
        bpaNote: null
    };
    finding.bpaNote = bpaNote(finding, rule);
    return finding;
}

/** Judges one VM under every rule: its findings by rule id. */
export function judgeVm(vm: SnapshotVm, rules: readonly RuleDefinition[] = ruleRegistry): VmFindings {
    const byRule: VmFindings['byRule'] = {};
    for (const rule of rules) {
        byRule[rule.id] = evaluateVm(vm, rule);
    }
    return { vm, byRule };
}

/** A rule (the registry's first unless named): one finding per VM of the snapshot. Pure: the same snapshot always gives the same findings. */
export function evaluate(snapshot: Snapshot, rule: RuleDefinition = ruleRegistry[0]): HostFindings {
    return {
        rule: rule.id,
        host: snapshot.host,
        collectedAt: snapshot.collectedAt,
        hostError: snapshot.error,
        findings: snapshot.vms.map(vm => evaluateVm(vm, rule))
    };
}
