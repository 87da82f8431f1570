import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ReportFiles, ReportFormat } from '../report.entity';
import { ReportStorage } from './report-storage';

/** Files under `<root>/<reportId>/`; staging under `<root>/.staging/` so the final rename never crosses a filesystem. */
export class LocalDiskStorage extends ReportStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async stage(reportId: string): Promise<string> {
    const staging = join(this.root, '.staging');
    await mkdir(staging, { recursive: true });
    return mkdtemp(join(staging, `${reportId}-`));
  }

  async publish(reportId: string, stagedDir: string, files: Record<ReportFormat, string>): Promise<ReportFiles> {
    const finalDir = join(this.root, reportId);
    try {
      // A directory rename is atomic: readers see all the files or none of them.
      await rename(stagedDir, finalDir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
      await this.discard(stagedDir);
    }
    const keys: ReportFiles = {};
    for (const [format, path] of Object.entries(files) as [ReportFormat, string][]) {
      keys[format] = relative(this.root, join(finalDir, basename(path))).split(sep).join('/');
    }
    return keys;
  }

  async discard(stagedDir: string): Promise<void> {
    await rm(stagedDir, { recursive: true, force: true });
  }

  async open(key: string): Promise<Readable | null> {
    const path = resolve(this.root, key);
    // Keys come from our own rows, but never let one point outside the reports directory.
    if (!path.startsWith(this.root + sep)) return null;
    const found = await stat(path).catch(() => null);
    return found?.isFile() ? createReadStream(path) : null;
  }
}
