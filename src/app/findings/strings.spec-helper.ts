import { Strings } from '../../generated/strings';
import { GridTexts } from './finding-row';

/** The product's real en-US strings (generated from strings.resjson by `npm run generate`). */
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const strings = (require('../../assets/strings/strings.json') as { Strings: Strings }).Strings;
export const toolStrings = strings.HvtoolsReplicaFailoverIp;
export const gridTexts: GridTexts = toolStrings;

/** The SDK's own en-US strings (error formats, log messages), as the shell environment provides them. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const sdkStrings = (require('@microsoft/windows-admin-center-sdk/core/assets/strings/strings.json') as { Strings: object }).Strings;

/** Makes MsftSme.getStrings() return the real strings (the tool's and the SDK's), as the shell environment would. */
export function useRealStrings(): void {
    const global = window as unknown as { MsftSme: { getStrings?: () => unknown } };
    global.MsftSme = global.MsftSme || {};
    global.MsftSme.getStrings = () => ({ ...sdkStrings, ...strings });
}
