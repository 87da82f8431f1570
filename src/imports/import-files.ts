import { Injectable } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { AppConfig } from '../config/app-config';

/**
 * Where uploaded files wait for their import: `<IMPORTS_DIR>/uploads/`. With workers on other
 * machines the directory must be shared (as the reports directory is), e.g. a mounted volume.
 */
@Injectable()
export class ImportFiles {
  readonly root: string;
  readonly uploads: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.IMPORTS_DIR || join(config.DATA_DIR, 'imports'));
    this.uploads = join(this.root, 'uploads');
    mkdirSync(this.uploads, { recursive: true });
  }

  keyOf(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  /** The file of a key; refuses a key pointing outside the directory. */
  pathOf(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`import file key outside ${this.root}`);
    return path;
  }

  async remove(key: string | null): Promise<void> {
    if (key) await rm(this.pathOf(key), { force: true });
  }
}
