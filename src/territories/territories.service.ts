import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-errors';
import { Department, Region } from './territory.entity';

/** Read-only reference data (loaded at start-up from the INSEE package). */
@Injectable()
export class TerritoriesService {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
  ) {}

  listRegions(): Promise<Region[]> {
    return this.regions.find({ order: { code: 'ASC' } });
  }

  async region(code: string): Promise<Region> {
    const r = await this.regions.findOneBy({ code });
    if (!r) throw new NotFoundError('region', code);
    return r;
  }

  listDepartments(regionCode?: string): Promise<Department[]> {
    return this.departments.find({ where: regionCode ? { regionCode } : {}, order: { code: 'ASC' } });
  }

  async department(code: string): Promise<Department> {
    const d = await this.departments.findOneBy({ code });
    if (!d) throw new NotFoundError('department', code);
    return d;
  }

  /** The codes among `codes` that are not departments, for a 422 naming them. */
  async unknownDepartments(codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const found = await this.departments.find({ where: { code: In(codes) }, select: { code: true } });
    const known = new Set(found.map((d) => d.code));
    return [...new Set(codes)].filter((c) => !known.has(c));
  }

  async regionExists(code: string): Promise<boolean> {
    return this.regions.existsBy({ code });
  }
}
