import { ReportFigures } from '../figures/report-figures';
import { FileStream } from './file-stream';

/** Indents every line but the first of a JSON text by `spaces`, as JSON.stringify nests it. */
const nest = (json: string, spaces: number) => json.replace(/\n/g, `\n${' '.repeat(spaces)}`);

/**
 * The figures as JSON, byte for byte what `JSON.stringify(figures, null, 2)` gives, written member by
 * member and the long arrays (contracts, authorities) element by element.
 */
export async function writeJson(figures: ReportFigures, file: string): Promise<void> {
  const out = new FileStream(file);
  try {
    const entries = Object.entries(figures).filter(([, v]) => v !== undefined);
    await out.write('{');
    for (const [i, [key, value]] of entries.entries()) {
      await out.write(`${i ? ',' : ''}\n  ${JSON.stringify(key)}: `);
      if (Array.isArray(value) && value.length) {
        await out.write('[');
        for (const [j, element] of value.entries()) await out.write(`${j ? ',' : ''}\n    ${nest(JSON.stringify(element, null, 2), 4)}`);
        await out.write('\n  ]');
      } else {
        await out.write(nest(JSON.stringify(value, null, 2), 2));
      }
    }
    await out.write('\n}\n');
  } finally {
    await out.close();
  }
}
