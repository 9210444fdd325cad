/** See pwsh-path.js. */
export function pwshPath(): string;
