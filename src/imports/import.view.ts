import { type Locale, say, sentence } from '../common/messages';
import type { ImportView } from './dto/import.dto';
import type { Import } from './import.entity';

/**
 * An import as the API shows it: where the file lies on the server (fileKey) and the header rows kept
 * for the refused-rows file stay inside; the size goes out as a number of bytes, the error said in
 * the reader's language.
 */
export function toImportView(imp: Import, locale: Locale): ImportView {
  return {
    id: imp.id,
    kind: imp.kind,
    format: imp.format,
    fileName: imp.fileName,
    fileSize: Number(imp.fileSize),
    uploadedById: imp.uploadedById,
    organisationId: imp.organisationId,
    status: imp.status,
    progress: imp.progress,
    mode: imp.mode,
    markValidated: imp.markValidated,
    updateExisting: imp.updateExisting,
    summary: imp.summary,
    error: imp.error ? sentence(say(imp.error, locale)) : null,
    encoding: imp.encoding,
    createdAt: imp.createdAt,
    analysedAt: imp.analysedAt,
    confirmedAt: imp.confirmedAt,
    completedAt: imp.completedAt,
  };
}
