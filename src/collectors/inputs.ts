/**
 * Finding and reading inputs: files, directories (recursive), stdin. Every failure becomes a
 * Diagnostic naming the input and the reason; nothing here throws for bad input.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from '../model/snapshot.ts';

export interface InputText {
  /** Path as shown to the user ("-" for stdin). */
  file: string;
  text: string;
  sha256: string;
}

/** Extensions a directory walk picks up; anything else in a directory is not an input. */
export const SCANNED_EXTENSIONS = ['.yaml', '.yml', '.json'];
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', '.hg', '.svn']);

export interface Discovery {
  files: string[];
  diagnostics: Diagnostic[];
}

/** Display form of a path: relative to cwd when inside it, POSIX separators. */
export function displayPath(p: string, cwd: string): string {
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  return shown.split(path.sep).join('/');
}

export async function discoverInputs(
  paths: readonly string[],
  opts: { cwd: string; exclude?: readonly string[] },
): Promise<Discovery> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const excluded = opts.exclude && opts.exclude.length > 0 ? picomatch([...opts.exclude], { dot: true }) : null;
  const isExcluded = (shown: string): boolean =>
    excluded !== null && (excluded(shown) || excluded(path.posix.basename(shown)));

  async function walk(dir: string, shown: string, ancestors: Set<string>): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      diagnostics.push(ioDiagnostic(shown, e));
      return;
    }
    if (ancestors.has(real)) {
      diagnostics.push({
        code: 'input/symlink-loop', severity: 'error', file: shown,
        message: `${shown}: symbolic link loop (points back to ${displayPath(real, opts.cwd)}); not followed`,
        hint: 'Remove the link or exclude it with --exclude.',
      });
      return;
    }
    const next = new Set(ancestors).add(real);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      diagnostics.push(ioDiagnostic(shown, e));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      const childShown = shown === '.' ? ent.name : `${shown}/${ent.name}`;
      if (isExcluded(childShown)) continue;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (SCANNED_EXTENSIONS.includes(path.extname(ent.name).toLowerCase())) diagnostics.push(ioDiagnostic(childShown, e));
          continue;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name)) await walk(full, childShown, next);
      } else if (isFile && SCANNED_EXTENSIONS.includes(path.extname(ent.name).toLowerCase())) {
        files.push(childShown);
      }
    }
  }

  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    const shown = displayPath(p, opts.cwd);
    const abs = path.resolve(opts.cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      diagnostics.push(ioDiagnostic(shown, e));
      continue;
    }
    if (st.isDirectory()) await walk(abs, shown, new Set());
    else if (isExcluded(shown)) continue;
    else files.push(shown);
  }
  return { files: [...new Set(files)], diagnostics };
}

export function ioDiagnostic(file: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const why: Record<string, string> = {
    ENOENT: 'no such file or directory (or a broken symbolic link)',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'symbolic link loop',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
  };
  const reason = why[code] ?? (e instanceof Error ? e.message : String(e));
  return {
    code: code === 'ELOOP' ? 'input/symlink-loop' : code === 'ENOENT' ? 'input/not-found' : 'input/unreadable',
    severity: 'error',
    file,
    message: `${file}: cannot read: ${reason}`,
    hint: code === 'EACCES' ? 'Grant read access to the scanner or exclude the file with --exclude.' : 'Check the path, or exclude it with --exclude.',
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Turn raw bytes into text, or say why they are not a text input. */
export function decodeInput(file: string, bytes: Uint8Array): InputText | Diagnostic {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return {
      code: 'input/binary', severity: 'error', file,
      message: `${file}: binary content (NUL bytes), not YAML or JSON`,
      hint: 'Exclude it with --exclude, or rename it if it is not meant to be configuration.',
    };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      code: 'input/binary', severity: 'error', file,
      message: `${file}: not valid UTF-8 text, so not YAML or JSON`,
      hint: 'Re-encode the file as UTF-8, or exclude it with --exclude.',
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, text, sha256 };
}

export async function readInput(file: string, cwd: string, stdin?: () => Promise<Uint8Array>): Promise<InputText | Diagnostic> {
  if (file === '-') {
    if (!stdin) return { code: 'input/unreadable', severity: 'error', file, message: '-: standard input is not available' };
    return decodeInput('-', await stdin());
  }
  const abs = path.resolve(cwd, file);
  try {
    const st = await lstat(abs).then(async (l) => (l.isSymbolicLink() ? stat(abs) : l));
    if (!st.isFile()) {
      return {
        code: 'input/not-regular', severity: 'error', file,
        message: `${file}: not a regular file (a FIFO, socket or device); not read`,
        hint: 'Pass regular files or directories; use "-" to read standard input.',
      };
    }
    if (st.size > MAX_FILE_BYTES) {
      return {
        code: 'input/too-large', severity: 'error', file,
        message: `${file}: ${Math.round(st.size / 1048576)} MiB is larger than the ${MAX_FILE_BYTES / 1048576} MiB limit`,
        hint: 'Split the rendered output into several files.',
      };
    }
    return decodeInput(file, await readFile(abs));
  } catch (e) {
    return ioDiagnostic(file, e);
  }
}

export function isDiagnostic(x: InputText | Diagnostic): x is Diagnostic {
  return 'code' in x;
}

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
