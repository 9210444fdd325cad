import { fillTemplate } from '../common/text';
import { SaveFailure } from './exclusions.service';

/** The strings a failed save is told with. */
export interface SaveFailureTexts {
    permission: string;
    contention: string;
}

/** "Couldn't save the exclusion: ..." (the template's {detail}): the permission, the other admins' saves, or the gateway's message. */
export function saveFailureText(failure: SaveFailure, template: string, texts: SaveFailureTexts): string {
    const detail = failure.permission ? fillTemplate(texts.permission, { detail: failure.detail })
        : failure.contention ? texts.contention : failure.detail;
    return fillTemplate(template, { detail });
}
