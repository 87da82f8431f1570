import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** Placeholder until the demo data set lands: loads nothing. */
export async function loadDemoDataIfEmpty(_ds: DataSource, _config: AppConfig, log: (m: string) => void): Promise<void> {
  log('Demo data: not available yet');
}
