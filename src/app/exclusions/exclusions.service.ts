import { Injectable } from '@angular/core';
import { AppContextService } from '@microsoft/windows-admin-center-sdk/angular';
import { Net, PlainVersionedObject, VersionedObject, VersionedObjectHandlers } from '@microsoft/windows-admin-center-sdk/core';
import { Observable, of, throwError } from 'rxjs';
import { catchError, map, mergeMap, take } from 'rxjs/operators';
import { Verdict } from '../rules/finding';
import { addExclusion, emptyExclusions, ExclusionDocument, parseExclusions, removeExclusion } from './exclusions';

/**
 * The tool's application settings on the gateway (shared by every user of the gateway), read and
 * written through the SDK's settings manager (`getExtensionApplicationSettings`). Version 1 holds one
 * property, `exclusions`: the exclusions document `{ version: 1, exclusions: [...] }`, the same JSON
 * the command-line check reads with `--exclusions FILE`.
 */
export class ExclusionSettings extends VersionedObject {
    private static readonly property = 'exclusions';

    constructor(objectWrapper: PlainVersionedObject, handlers: VersionedObjectHandlers) {
        super(objectWrapper, handlers);
    }

    public get latestVersion(): number {
        return 1;
    }

    /** The stored document, validated: an ExclusionsError names what is wrong with it. */
    public get document(): ExclusionDocument {
        const stored = this.getProperty(ExclusionSettings.property);
        return stored === undefined || stored === null ? emptyExclusions() : parseExclusions(stored);
    }

    public set document(value: ExclusionDocument) {
        this.setProperty(ExclusionSettings.property, value as never);
    }

    /** Settings never saved (or not versioned) start empty, at the latest version. */
    protected upgrade(): void {
        if (this.currentVersion === null || this.currentVersion === undefined) {
            this.clear();
            this.document = emptyExclusions();
            this.currentVersion = this.latestVersion;
            return;
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

/** Why a save failed: the user may not write application settings (not a gateway administrator), or another error. */
export interface SaveFailure {
    permission: boolean;
    detail: string;
}

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
 * Reads and writes the exclusions in the extension's application settings on the gateway (the SDK's
 * settings manager: the module asks the shell over RPC, the shell reads and writes the gateway's
 * settings). Every change reads the settings again first, so an exclusion another admin saved
 * meanwhile is kept.
 */
@Injectable()
export class ExclusionsService {
    constructor(private appContext: AppContextService) { }

    /** The document on the gateway; fails when the settings can't be read or hold an invalid document. */
    public load(): Observable<ExclusionDocument> {
        return this.settings().pipe(map(settings => settings.document));
    }

    /** Excludes a VM's finding: who is the gateway user, when is now (UTC). Emits the saved document. */
    public exclude(request: ExclusionRequest, now: () => Date = () => new Date()): Observable<ExclusionDocument> {
        return this.currentUser().pipe(
            mergeMap(by => this.change(document => addExclusion(document, { ...request, by, at: now().toISOString() }))));
    }

    /** Include: drops the exclusion of a VM under a rule on a host. Emits the saved document. */
    public include(host: string, vmId: string, rule: string): Observable<ExclusionDocument> {
        return this.change(document => removeExclusion(document, host, vmId, rule));
    }

    /** The signed-in gateway user's name. */
    public currentUser(): Observable<string> {
        return this.appContext.gateway.get(Net.user).pipe(take(1), map(userNameOf));
    }

    /**
     * Why a save failed. The shell answers the settings RPC with the gateway's message only (the SDK's
     * RpcChannel passes a rejection's message, not its HTTP status), so the permission is asked of the
     * gateway itself: the SDK's `checkCondition` (a gateway in service mode answers its access check;
     * `isGatewayAdmin` false: the user may not change application settings).
     */
    public explainSaveFailure(error: unknown): Observable<SaveFailure> {
        const detail = settingsErrorText(error);
        return this.appContext.gateway.checkCondition().pipe(
            take(1),
            map(condition => ({ permission: !condition.isGatewayAdmin, detail })),
            catchError(() => of({ permission: false, detail })));
    }

    private settings(): Observable<ExclusionSettings> {
        return this.appContext.settingsManager.getExtensionApplicationSettings(ExclusionSettings).pipe(take(1));
    }

    private change(edit: (document: ExclusionDocument) => ExclusionDocument): Observable<ExclusionDocument> {
        return this.settings().pipe(mergeMap(settings => {
            const changed = edit(settings.document);
            settings.document = changed;
            return settings.save().pipe(take(1), map(() => changed), catchError((error: unknown) => throwError(() => error)));
        }));
    }
}
