import type { Test } from 'supertest';

/** supertest parser keeping the body as a Buffer: a workbook or a PDF, which the default parsers would mangle. */
export const binaryBody: Parameters<Test['parse']>[0] = (res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
