/** Text helpers every part of the tool uses (messages, notifications, grid cells). */

/** Fills `{name}` placeholders from the values' own properties (a placeholder such as `{constructor}` is left as it is). */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole));
}

/**
 * A value shown on its own (a grid cell, a fact in the details pane) starts with a capital letter,
 * as WAC's sentence case wants; the same strings stay lower case inside sentences ("reports no contact").
 */
export function sentenceCase(text: string): string {
    return text ? text.charAt(0).toLocaleUpperCase() + text.substring(1) : text;
}
