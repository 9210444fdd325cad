/**
 * Reading snapshot files for the command-line check, safely whatever the path names: only regular
 * files are read (a FIFO, a device or a folder, directly or through a symlink, is never opened for a
 * blocking read), at most `maxSnapshotBytes`, and decoded strictly: UTF-8 (with or without a
 * byte-order mark) or UTF-16 with its byte-order mark (what Windows PowerShell 5.1's `>` and
 * `Out-File` write); anything else is refused by name. No error repeats the file's content.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './input-error';

/**
 * The largest snapshot file read: 64 MiB. A real snapshot takes about 900 bytes per VM (1 MB for a
 * host at Hyper-V's limit of 1,024 VMs; docs/performance.md), so this leaves room for long error
 * messages and paths while a file that could exhaust memory, or the output built from it, is refused.
 */
export const maxSnapshotBytes = 64 * 1024 * 1024;

/**
 * How Windows PowerShell 5.1 writes the file again as UTF-8. Its Get-Content reads a file without a
 * byte-order mark in the system's ANSI code page (what its Set-Content writes by default), unless told
 * the encoding (`-Encoding Unicode`: UTF-16 little-endian).
 */
function resaveHint(file: string, readAs = ''): string {
    const name = path.basename(file);
    return `save it as UTF-8: in Windows PowerShell, Get-Content ${readAs}-LiteralPath '${name}' | Set-Content -Encoding UTF8 -LiteralPath 'utf8-${name}'`;
}

/** What a path is when it is not a regular file (fs.Stats and fs.Dirent answer the same questions). */
function kindOf(stats: fs.Stats | fs.Dirent): string {
    if (stats.isDirectory()) {
        return 'a folder';
    }
    if (stats.isFIFO()) {
        return 'a FIFO';
    }
    if (stats.isCharacterDevice()) {
        return 'a character device';
    }
    if (stats.isBlockDevice()) {
        return 'a block device';
    }
    return stats.isSocket() ? 'a socket' : 'a special file';
}

function megabytes(bytes: number): string {
    return `${Math.ceil(bytes / (1024 * 1024))} MiB`;
}

/** The offset of the first byte that is not part of a UTF-8 character (the text is known to hold one). */
function firstInvalidUtf8Byte(bytes: Buffer): number {
    const lenient = bytes.toString('utf8');
    let offset = 0;
    for (const ch of lenient) {
        const length = Buffer.byteLength(ch);
        // U+FFFD stands for an invalid sequence unless the file really holds its three bytes.
        if (ch === '\uFFFD' && !(bytes[offset] === 0xEF && bytes[offset + 1] === 0xBF && bytes[offset + 2] === 0xBD)) {
            return offset;
        }
        offset += length;
    }
    return offset;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a snapshot file's bytes: UTF-8, or UTF-16 with a byte-order mark. */
export function decodeSnapshot(bytes: Buffer, file: string): string {
    if (bytes[0] === 0xFF && bytes[1] === 0xFE) {
        return utf16(bytes.subarray(2), file, 'little-endian');
    }
    if (bytes[0] === 0xFE && bytes[1] === 0xFF) {
        return utf16(bytes.subarray(2), file, 'big-endian');
    }
    const body = bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? bytes.subarray(3) : bytes;
    if (body.length >= 2 && body[0] !== 0 && body[1] === 0) {
        throw new InputError(`${file} looks like UTF-16 without a byte-order mark: ${resaveHint(file, '-Encoding Unicode ')}`);
    }
    try {
        return strictUtf8.decode(body);
    } catch {
        const offset = firstInvalidUtf8Byte(body) + (body === bytes ? 0 : 3);
        throw new InputError(`${file} is not valid UTF-8 (byte ${offset} is not part of a UTF-8 character): ${resaveHint(file)}`);
    }
}

function utf16(body: Buffer, file: string, order: 'little-endian' | 'big-endian'): string {
    if (body.length % 2 !== 0) {
        throw new InputError(`${file} is not valid UTF-16 (${order}): it ends in the middle of a character: ${resaveHint(file)}`);
    }
    return (order === 'little-endian' ? body : Buffer.from(body).swap16()).toString('utf16le');
}

function readError(file: string, e: unknown): InputError {
    return new InputError(`couldn't read ${file}: ${e instanceof Error ? e.message : String(e)}`);
}

/** The text of a snapshot file (readInputFile). */
export function readSnapshot(file: string): string {
    return readInputFile(file, 'a snapshot file');
}

/**
 * The text of an input file of the check (a snapshot, or the exclusions). Opened without blocking (a
 * FIFO does not hang the check), then the open file itself is examined: a regular file of at most
 * maxSnapshotBytes, else it is refused.
 */
export function readInputFile(file: string, kind: 'a snapshot file' | 'an exclusions file'): string {
    let fd: number;
    try {
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (e) {
        throw readError(file, e);
    }
    try {
        const stats = fs.fstatSync(fd);
        if (!stats.isFile()) {
            throw new InputError(`${file} is ${kindOf(stats)}, not ${kind}`);
        }
        if (stats.size > maxSnapshotBytes) {
            throw new InputError(`${file} is ${megabytes(stats.size)}: ${kind} is at most ${megabytes(maxSnapshotBytes)}` +
                (kind === 'a snapshot file' ? ' (about 900 bytes per VM; a host has at most 1,024 VMs)' : ''));
        }
        const bytes = Buffer.alloc(stats.size);
        let read = 0;
        while (read < bytes.length) {
            const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
            if (n === 0) {
                break;
            }
            read += n;
        }
        return decodeSnapshot(bytes.subarray(0, read), file);
    } catch (e) {
        throw e instanceof InputError ? e : readError(file, e);
    } finally {
        fs.closeSync(fd);
    }
}

export function isFolder(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

/**
 * The snapshot files the arguments name: files as given, folders as their *.json entries (sorted)
 * that are regular files, or symlinks to regular files. The other entries (a FIFO, a device, a
 * socket, a folder named *.json, or a symlink to one) are left out, each named by `skipped`.
 */
export function snapshotFiles(paths: readonly string[], skipped: (file: string, why: string) => void): string[] {
    return paths.flatMap(p => isFolder(p) ? folderFiles(p, skipped) : [p]);
}

function folderFiles(folder: string, skipped: (file: string, why: string) => void): string[] {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
        throw readError(folder, e);
    }
    const names = entries.filter(e => e.name.toLowerCase().endsWith('.json')).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return names.flatMap(entry => {
        const file = path.join(folder, entry.name);
        let stats: fs.Stats | fs.Dirent = entry;
        if (entry.isSymbolicLink()) {
            try {
                stats = fs.statSync(file);
            } catch {
                // A broken link: reading it names the problem.
                return [file];
            }
        }
        if (stats.isFile()) {
            return [file];
        }
        skipped(file, `${entry.isSymbolicLink() ? 'a symlink to ' : ''}${kindOf(stats)}, not a snapshot file`);
        return [];
    });
}
