import { Injectable } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Net, PlainVersionedObject, VersionedObject, VersionedObjectHandlers } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of, throwError } from 'rxjs';
import { catchError, map, mergeMap, take } from 'rxjs/operators';
import { Verdict } from '../rules/finding';
import {
    applyExclusionChange, emptyExclusions, Exclusion, ExclusionChange, holdsExclusionChange, KeptExclusions, readExclusions, UnreadableExclusion,
    validateExclusion
} from './exclusions';

/**
 * The tool's exclusions settings on the gateway, read and written through the SDK's settings manager.
 * Version 1 holds one property, `exclusions`: the exclusions document `{ version: 1, exclusions: [...] }`,
 * the same JSON the command-line check reads with `--exclusions FILE`; absent until first saved. Kept
 * in the Admin scope (`getExtensionAdminSettings`: every user reads, gateway administrators write);
 * earlier versions of the tool kept it in the Application scope, read once to carry it over.
 */
export class ExclusionSettings extends VersionedObject {
    private static readonly property = 'exclusions';

    constructor(objectWrapper: PlainVersionedObject, handlers: VersionedObjectHandlers) {
        super(objectWrapper, handlers);
    }

    public get latestVersion(): number {
        return 1;
    }

    /** The stored document as it is (undefined when never saved): unvalidated. */
    public get stored(): unknown {
        return this.getProperty(ExclusionSettings.property);
    }

    public set stored(value: unknown) {
        this.setProperty(ExclusionSettings.property, value as never);
    }

    /** Whether a document was ever saved here. */
    public get saved(): boolean {
        return this.stored !== undefined && this.stored !== null;
    }

    /** The stored document read record by record (empty when never saved); an ExclusionsError when it is not a document at all. */
    public get kept(): KeptExclusions {
        return this.saved ? readExclusions(this.stored) : emptyExclusions();
    }

    /** Settings never saved (or not versioned) start empty, at the latest version. */
    protected upgrade(): void {
        if (this.currentVersion === null || this.currentVersion === undefined) {
            this.clear();
        }
        this.currentVersion = this.latestVersion;
    }
}

/** What the admin excludes: a VM's finding under a rule, on the connection (server or cluster). */
export interface ExclusionRequest {
    vmId: string;
    vmName: string;
    host: string;
    rule: string;
    verdict: Verdict;
    reason: string;
}

/**
 * Why a save failed: the user may not write the exclusions (not a gateway administrator), other admins'
 * saves kept landing over this one (contention), or another error.
 */
export interface SaveFailure {
    permission: boolean;
    contention: boolean;
    detail: string;
}

/** A save whose change was written over by other admins' saves at every attempt. */
export class ContentionError extends Error {
    constructor(attempts: number) {
        super(`Other saves wrote over this change ${attempts} times.`);
        this.name = 'ContentionError';
    }
}

/** How many times a save is written again when another admin's save landed over it. */
export const saveAttempts = 5;

/** The text of an error from the settings manager (the shell's RPC answer: a string or { message }) or from a gateway request. */
export function settingsErrorText(error: unknown): string {
    if (typeof error === 'string') {
        return error;
    }
    if (error && typeof error === 'object') {
        const record = error as { message?: unknown; xhr?: unknown };
        if (!record.xhr && typeof record.message === 'string' && record.message) {
            return record.message;
        }
        return Net.getErrorMessage(error as never) || String(error);
    }
    return String(error);
}

/**
 * The name the gateway gives the signed-in user: `GET /api/user` (the SDK's `Net.user`; the SDK's
 * authorization manager names it "the logon user returned by gateway's api/user"), as a string or a
 * `UserPrincipal` (`{ userName, domain }`, core/security/user-principal.d.ts).
 */
export function userNameOf(answer: unknown): string {
    if (typeof answer === 'string' && answer.trim()) {
        return answer.trim();
    }
    if (answer && typeof answer === 'object') {
        const user = answer as { userName?: unknown; domain?: unknown; name?: unknown };
        if (typeof user.userName === 'string' && user.userName.trim()) {
            return typeof user.domain === 'string' && user.domain.trim() ? `${user.domain.trim()}\\${user.userName.trim()}` : user.userName.trim();
        }
        if (typeof user.name === 'string' && user.name.trim()) {
            return user.name.trim();
        }
    }
    throw new Error('The gateway did not name the signed-in user.');
}

/**
 * Reads and writes the exclusions in the extension's admin settings on the gateway (the SDK's settings
 * manager: the module asks the shell over RPC, the shell reads and writes the gateway's settings). The
 * settings can only be written whole, without a lock, so a save applies its one change on top of the
 * document as read just before, reads the document again after writing, and writes again while
 * another admin's save landed over it (up to `saveAttempts` times).
 */
@Injectable()
export class ExclusionsService {
    constructor(private appContext: AppContextService) { }

    /**
     * The exclusions on the gateway (readable and unreadable records); fails when the settings can't be
     * read or are not an exclusions document. While the admin settings were never saved, the former
     * application-scope document is read and, when it holds records, carried over (a user who may not
     * write the admin settings sees them as they are).
     */
    public load(): Observable<KeptExclusions> {
        return this.adminSettings().pipe(mergeMap(admin => admin.saved ? of(admin.kept) : this.carryOver()));
    }

    /** Excludes a VM's finding: who is the gateway user, when is now (UTC). Emits the saved exclusions. */
    public exclude(request: ExclusionRequest, now: () => Date = () => new Date()): Observable<KeptExclusions> {
        return this.currentUser().pipe(
            mergeMap(by => this.change({ kind: 'exclude', exclusion: validateExclusion({ ...request, by, at: now().toISOString() }) })));
    }

    /** Include: drops the exclusion the admin saw (a newer one another admin made meanwhile stays). Emits the saved exclusions. */
    public include(exclusion: Exclusion): Observable<KeptExclusions> {
        return this.change({ kind: 'include', exclusion });
    }

    /** Remove: drops an unreadable record as it is stored. Emits the saved exclusions. */
    public removeUnreadable(unreadable: UnreadableExclusion): Observable<KeptExclusions> {
        return this.change({ kind: 'remove-unreadable', record: unreadable.record });
    }

    /** The signed-in gateway user's name. */
    public currentUser(): Observable<string> {
        return this.appContext.gateway.get(Net.user).pipe(take(1), map(userNameOf));
    }

    /**
     * Why a save failed. The shell answers the settings RPC with the gateway's message only (the SDK's
     * RpcChannel passes a rejection's message, not its HTTP status), so the permission is asked of the
     * gateway itself: the SDK's `checkCondition` (a gateway in service mode answers its access check;
     * `isGatewayAdmin` false: the user may not change admin settings).
     */
    public explainSaveFailure(error: unknown): Observable<SaveFailure> {
        const detail = settingsErrorText(error);
        if (error instanceof ContentionError) {
            return of({ permission: false, contention: true, detail });
        }
        return this.appContext.gateway.checkCondition().pipe(
            take(1),
            map(condition => ({ permission: !condition.isGatewayAdmin, contention: false, detail })),
            catchError(() => of({ permission: false, contention: false, detail })));
    }

    private adminSettings(): Observable<ExclusionSettings> {
        return this.appContext.settingsManager.getExtensionAdminSettings(ExclusionSettings).pipe(take(1));
    }

    /** The former application-scope document's records, written to the admin settings when it has any. */
    private carryOver(): Observable<KeptExclusions> {
        return this.appContext.settingsManager.getExtensionApplicationSettings(ExclusionSettings).pipe(take(1), mergeMap(former => {
            const exclusions = former.kept.exclusions;
            if (exclusions.length === 0) {
                return of(emptyExclusions());
            }
            return this.change({ kind: 'carry-over', exclusions }).pipe(catchError(() => of({ ...emptyExclusions(), exclusions })));
        }));
    }

    /** Applies the change on top of the settings as read, writes them, reads them back; again while another save wrote over it. */
    private change(change: ExclusionChange, attempt = 1, read: Observable<ExclusionSettings> = this.adminSettings()): Observable<KeptExclusions> {
        return read.pipe(mergeMap(settings => {
            settings.stored = applyExclusionChange(settings.stored, change);
            return settings.save().pipe(take(1), mergeMap(() => this.adminSettings()), mergeMap(written => {
                const kept = written.kept;
                if (holdsExclusionChange(kept, change)) {
                    return of(kept);
                }
                return attempt >= saveAttempts ? throwError(() => new ContentionError(attempt)) : this.change(change, attempt + 1, of(written));
            }));
        }));
    }
}
