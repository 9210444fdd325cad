/** The formats `--format` takes; each writes the same report, and the exit code does not depend on it. */
import { renderCsv } from './formats/csv';
import { renderJson } from './formats/json';
import { renderJunit } from './formats/junit';
import { InputError } from './input-error';
import { CheckReport } from './report';

const renderers = { json: renderJson, csv: renderCsv, junit: renderJunit };

export type FormatName = keyof typeof renderers;

export const formatNames = Object.keys(renderers) as FormatName[];

export function parseFormat(value: string): FormatName {
    if (!Object.prototype.hasOwnProperty.call(renderers, value)) {
        throw new InputError(`unknown format "${value}": use one of ${formatNames.join(', ')}`);
    }
    return value as FormatName;
}

export function render(format: FormatName, report: CheckReport): string {
    return renderers[format](report);
}
