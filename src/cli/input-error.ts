/** Bad input (arguments, files): the command-line check writes the message to stderr and exits 2. */
export class InputError extends Error { }
