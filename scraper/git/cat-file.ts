/**
 * One long-lived `git cat-file --batch` for reading many objects of a repository without a work tree:
 * requests are written as they come and answered in order, so that thousands of records cost one
 * process and no round trip each. Trees are parsed here too (their raw form: mode, name, binary id).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from './git.ts';

export interface GitObject {
  oid: string;
  type: string;
  data: Buffer;
}

export interface TreeEntry {
  name: string;
  oid: string;
  /** A folder (tree), a regular file (blob), or anything else (symlink, submodule): never archive content. */
  kind: 'folder' | 'file' | 'other';
}

interface Waiting {
  spec: string;
  resolve: (object: GitObject | null) => void;
  reject: (error: Error) => void;
}

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Waiting[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Header of the object being received: its bytes follow. */
  private header: { oid: string; type: string; size: number } | null = null;
  private stderr = '';
  private failure: Error | null = null;

  constructor(gitDir: string) {
    this.child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdin.on('error', () => undefined);
    this.child.on('close', (code) => this.fail(new GitError(['cat-file', '--batch'], code, this.stderr)));
    this.child.on('error', (error) => this.fail(error));
  }

  /** The object named by `spec` (an id, or `<commit>:<path>`), or null when the repository has none. */
  read(spec: string): Promise<GitObject | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (/[\n\r]/.test(spec)) return Promise.reject(new Error(`nom d'objet Git invalide : ${JSON.stringify(spec)}`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ spec, resolve, reject });
      this.child.stdin.write(`${spec}\n`);
    });
  }

  /** The entries of a tree, in Git's order. */
  async tree(spec: string): Promise<TreeEntry[]> {
    const object = await this.read(spec);
    if (!object || object.type !== 'tree') throw new Error(`arbre Git introuvable : ${spec}`);
    return parseTree(object.data, object.oid.length / 2);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.failure) return;
    const closed = new Promise<void>((done) => this.child.once('close', () => done()));
    this.child.stdin.end();
    await closed;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const taken = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }

  private drain(): void {
    for (;;) {
      if (!this.header) {
        const newline = this.newline();
        if (newline < 0) return;
        const line = this.take(newline + 1)
          .subarray(0, newline)
          .toString();
        const [oid, type, size] = line.split(' ');
        if (type === 'missing' || size === undefined) {
          this.waiting.shift()?.resolve(null);
          continue;
        }
        this.header = { oid: oid!, type: type!, size: Number(size) };
      }
      // Object bytes and the newline after them.
      if (this.buffered < this.header.size + 1) return;
      const data = Buffer.from(this.take(this.header.size + 1).subarray(0, this.header.size));
      const { oid, type } = this.header;
      this.header = null;
      this.waiting.shift()!.resolve({ oid, type, data });
    }
  }

  private newline(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(10);
      if (at >= 0) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }
}

/** `<mode> <name>\0<id>` repeated; `idBytes`: 20 for SHA-1 repositories, 32 for SHA-256. */
export function parseTree(data: Buffer, idBytes: number): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    const nul = data.indexOf(0, space);
    const mode = data.toString('latin1', at, space);
    entries.push({
      name: data.toString('utf8', space + 1, nul),
      oid: data.toString('hex', nul + 1, nul + 1 + idBytes),
      kind: mode === '40000' ? 'folder' : mode === '100644' || mode === '100755' ? 'file' : 'other',
    });
    at = nul + 1 + idBytes;
  }
  return entries;
}
