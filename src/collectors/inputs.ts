/**
 * Finding and reading inputs: files, directories (recursive), stdin. Every failure becomes a
 * Diagnostic naming the input and the reason; nothing here throws for bad input.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
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
export const SCANNED_EXTENSIONS = ['.yaml', '.yml', '.json', '.tf', '.tfvars'];
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform', '.hg', '.svn']);
/** oobguard's own config files are not inputs when met in a directory walk. */
const SCANNER_CONFIG_NAMES = new Set(['.oobguard.yaml', '.oobguard.yml', 'oobguard.yaml']);

export interface Discovery {
  /** Inputs in walk order: a file to read, or a path that could not be (with the reason). */
  entries: DiscoveredEntry[];
  /** Things worth saying that are not errors (a directory without any input). */
  notes: Diagnostic[];
}

export type DiscoveredEntry = { file: string; problem?: undefined } | { file: string; problem: Diagnostic };

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
  const entries: DiscoveredEntry[] = [];
  const seen = new Set<string>();
  const addFile = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    entries.push({ file });
  };
  const addProblem = (d: Diagnostic & { file: string }): void => {
    entries.push({ file: d.file, problem: d });
  };
  const notes: Diagnostic[] = [];
  const excluded = opts.exclude && opts.exclude.length > 0 ? picomatch([...opts.exclude], { dot: true }) : null;
  const isExcluded = (shown: string): boolean =>
    excluded !== null && (excluded(shown) || excluded(path.posix.basename(shown)));

  async function walk(dir: string, shown: string, ancestors: Set<string>): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      addProblem(ioDiagnostic(shown, e));
      return;
    }
    if (ancestors.has(real)) {
      addProblem({
        code: 'input/symlink-loop', severity: 'error', file: shown,
        message: `${shown}: symbolic link loop (points back to ${displayPath(real, opts.cwd)}); not followed`,
        hint: 'Remove the link or exclude it with --exclude.',
      });
      return;
    }
    const next = new Set(ancestors).add(real);
    let dirents;
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      addProblem(ioDiagnostic(shown, e));
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of dirents) {
      const full = path.join(dir, ent.name);
      const childShown = shown === '.' ? ent.name : `${shown}/${ent.name}`;
      if (isExcluded(childShown)) continue;
      const scannable = SCANNED_EXTENSIONS.includes(path.extname(ent.name).toLowerCase());
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await stat(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (scannable) addProblem(await linkDiagnostic(childShown, full, e));
          continue;
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name)) await walk(full, childShown, next);
      } else if (isFile) {
        if (scannable && !SCANNER_CONFIG_NAMES.has(ent.name)) addFile(childShown);
      } else if (scannable) {
        addProblem(notRegular(childShown));
      }
    }
  }

  for (const p of paths) {
    if (p === '-') {
      addFile('-');
      continue;
    }
    const shown = displayPath(p, opts.cwd);
    const abs = path.resolve(opts.cwd, p);
    let st;
    try {
      st = await stat(abs);
    } catch (e) {
      const isLink = await lstat(abs).then((l) => l.isSymbolicLink(), () => false);
      addProblem(isLink ? await linkDiagnostic(shown, abs, e) : ioDiagnostic(shown, e));
      continue;
    }
    if (st.isDirectory()) {
      const before = entries.length;
      await walk(abs, shown, new Set());
      if (entries.length === before) {
        notes.push({
          code: 'input/not-found', severity: 'warning', file: shown,
          message: `${shown}: no ${SCANNED_EXTENSIONS.map((x) => `*${x}`).join(', ')} files in this directory; nothing scanned there`,
          hint: 'Pass the directory holding the rendered manifests, or "-" to read them from standard input.',
        });
      }
    } else if (isExcluded(shown)) continue;
    else addFile(shown);
  }
  return { entries, notes };
}

function notRegular(file: string): Diagnostic & { file: string } {
  return {
    code: 'input/not-regular', severity: 'error', file,
    message: `${file}: not a regular file (a FIFO, socket or device); not read`,
    hint: 'Pass regular files or directories; use "-" to read standard input, or exclude it with --exclude.',
  };
}

/** A link that cannot be followed: say where it points, not just ENOENT. */
async function linkDiagnostic(shown: string, full: string, e: unknown): Promise<Diagnostic & { file: string }> {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    let target = '';
    try {
      target = await readlink(full);
    } catch {
      /* keep the generic message */
    }
    return {
      code: 'input/not-found', severity: 'error', file: shown,
      message: `${shown}: broken symbolic link${target ? ` to ${target}` : ''} (the target does not exist)`,
      hint: 'Fix or remove the link, or exclude it with --exclude.',
    };
  }
  return ioDiagnostic(shown, e);
}

export function ioDiagnostic(file: string, e: unknown): Diagnostic & { file: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const why: Record<string, string> = {
    ENOENT: 'no such file or directory (or a broken symbolic link)',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'symbolic link loop',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
  };
  const reason = why[code] ?? (code !== '' ? code : 'unexpected error');
  return {
    code: code === 'ELOOP' ? 'input/symlink-loop' : code === 'ENOENT' ? 'input/not-found' : 'input/unreadable',
    severity: 'error',
    file,
    message: `${file}: cannot read: ${reason}`,
    hint: code === 'EACCES' ? 'Grant read access to the scanner or exclude the file with --exclude.'
      : code === 'ELOOP' ? 'Fix or remove the link, or exclude it with --exclude.' : 'Check the path, or exclude it with --exclude.',
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
    // O_NONBLOCK: opening a FIFO that appeared since discovery must not wait for a writer.
    let fh;
    try {
      fh = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      // A dangling or looping symbolic link gets its own explanation.
      const isLink = await lstat(abs).then((l) => l.isSymbolicLink(), () => false);
      if (isLink) return await linkDiagnostic(file, abs, e);
      throw e;
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) return notRegular(file);
      if (st.size > MAX_FILE_BYTES) {
        return {
          code: 'input/too-large', severity: 'error', file,
          message: `${file}: ${Math.round(st.size / 1048576)} MiB is larger than the ${MAX_FILE_BYTES / 1048576} MiB limit`,
          hint: 'Split the rendered output into several files.',
        };
      }
      return decodeInput(file, await fh.readFile());
    } finally {
      await fh.close();
    }
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
