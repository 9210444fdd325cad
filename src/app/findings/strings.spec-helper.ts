import { Strings } from '../../generated/strings';
import { GridTexts } from './finding-row';

/** The product's real en-US strings (generated from strings.resjson by `npm run generate`). */
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const strings = (require('../../assets/strings/strings.json') as { Strings: Strings }).Strings;
export const toolStrings = strings.HvtoolsReplicaFailoverIp;
export const gridTexts = toolStrings as unknown as GridTexts;

/** Makes MsftSme.getStrings() return the real strings, as the shell environment would. */
export function useRealStrings(): void {
    const global = window as unknown as { MsftSme: { getStrings?: () => unknown } };
    global.MsftSme = global.MsftSme || {};
    global.MsftSme.getStrings = () => strings;
}
